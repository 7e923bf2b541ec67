package io.onecustomer.generator;

import java.util.ArrayList;
import java.util.List;

/** Regions, cities, stores and distributors: fixed reference data. */
final class Geo {
    private Geo() {}

    static final String[] REGIONS = {"North", "East", "South", "West", "Central"};
    static final double[] REGION_CUMULATIVE = Rng.cumulative(0.20, 0.30, 0.25, 0.10, 0.15);

    static final String[][] CITIES = {
        {"Beijing", "Tianjin", "Shenyang", "Harbin", "Dalian"},
        {"Shanghai", "Hangzhou", "Nanjing", "Suzhou", "Ningbo"},
        {"Guangzhou", "Shenzhen", "Xiamen", "Fuzhou", "Nanning"},
        {"Chengdu", "Chongqing", "Xi'an", "Kunming"},
        {"Wuhan", "Changsha", "Zhengzhou", "Hefei"},
    };

    /** A store: id {@code S001}, its 3-digit number, region and city. */
    record Store(String id, int number, int region, String city) {}

    static final List<Store> STORES;
    /** Store indexes per region. */
    static final int[][] STORES_BY_REGION;

    static {
        String[][] storeCities = {
            {"Beijing", "Beijing", "Tianjin", "Shenyang"},
            {"Shanghai", "Shanghai", "Hangzhou", "Nanjing", "Suzhou"},
            {"Guangzhou", "Shenzhen", "Xiamen"},
            {"Chengdu", "Chongqing", "Xi'an"},
            {"Wuhan", "Changsha", "Zhengzhou"},
        };
        List<Store> stores = new ArrayList<>();
        STORES_BY_REGION = new int[REGIONS.length][];
        for (int r = 0; r < REGIONS.length; r++) {
            STORES_BY_REGION[r] = new int[storeCities[r].length];
            for (int k = 0; k < storeCities[r].length; k++) {
                int n = stores.size() + 1;
                STORES_BY_REGION[r][k] = stores.size();
                stores.add(new Store(String.format("S%03d", n), n, r, storeCities[r][k]));
            }
        }
        STORES = List.copyOf(stores);
    }

    /** A distributor with its authorised region and the retailers it reports for. */
    record Distributor(String id, int region, List<String> retailers) {}

    static final List<Distributor> DISTRIBUTORS = List.of(
            new Distributor("D01", 0, List.of("Jingdong Home Center", "Yanshan Mart", "Tianjin Furniture City",
                    "Northern Star Living", "Harbin Home Depot", "Bohai Interiors")),
            new Distributor("D02", 1, List.of("Huamei Mart", "Lianhua Supermarket", "Westlake Living",
                    "Jiangnan Home", "Suzhou Garden Furnishing", "Ningbo Harbour Mall", "Bund Interiors")),
            new Distributor("D03", 2, List.of("Pearl River Home", "Shenzhen Bay Living", "Xiamen Island Mart",
                    "Wanda Plaza, Store 3", "Lingnan Furniture")),
            new Distributor("D04", 3, List.of("Tianfu Home", "Chongqing Hills Mart", "Xi'an Drum Tower Living",
                    "Kunming Spring Furnishing", "Sichuan Living")),
            new Distributor("D05", 4, List.of("Wuhan Yangtze Home", "Changsha Orange Isle Mart",
                    "Zhengzhou Central Living", "Hefei Lake Furnishing", "Central Plains Home")),
            new Distributor("D06", 1, List.of("Yangtze Delta Outlet", "Hangzhou Bay Home", "Nanjing Qinhuai Mart",
                    "Shanghai Pudong Living")));
}
