package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;

/** The one channel vocabulary used from silver on. */
public final class Vocabulary {
  private Vocabulary() {}

  // Sales channels (silver.orders.channel).
  public static final String MARKETPLACE = "marketplace";
  public static final String MINIPROGRAM = "miniprogram";
  public static final String POS = "pos";
  public static final String DISTRIBUTOR = "distributor";
  // Interaction channels (silver.touchpoints.channel) besides miniprogram.
  public static final String WEB = "web";
  public static final String APP = "app";
  public static final String SERVICE = "service";

  // Order status.
  public static final String COMPLETED = "completed";
  public static final String PENDING = "pending";
  public static final String CANCELLED = "cancelled";
  public static final String REFUNDED = "refunded";

  /** The marketplace store's id in silver.orders.store_id. */
  public static final String MARKETPLACE_STORE = "marketplace_flagship";
  public static final String MINIPROGRAM_STORE = "miniprogram";

  public static final String DIRECT = "direct";

  // Traffic channels (silver.touchpoints.traffic_channel, silver.ad_spend.traffic_channel).
  public static final String PAID_SOCIAL = "paid_social";
  public static final String PAID_SEARCH = "paid_search";
  public static final String DISPLAY = "display";
  public static final String MARKETPLACE_ADS = "marketplace_ads";
  public static final String CRM = "crm";
  public static final String OTHER_PAID = "other_paid";
  /** Traffic of the brand's own mini-program. */
  public static final String OWNED = "owned";

  /** Every value of silver.orders.channel. */
  public static final List<String> SALES_CHANNELS = List.of(MARKETPLACE, MINIPROGRAM, POS, DISTRIBUTOR);
  /** Every value of silver.touchpoints.channel. */
  public static final List<String> INTERACTION_CHANNELS = List.of(WEB, APP, MINIPROGRAM, SERVICE);
  /** Every value of silver.orders.status. */
  public static final List<String> ORDER_STATUSES = List.of(COMPLETED, PENDING, CANCELLED, REFUNDED);
  /** Every value {@link #trafficChannel} gives. */
  public static final List<String> MEDIA_TRAFFIC_CHANNELS =
      List.of(DIRECT, PAID_SOCIAL, PAID_SEARCH, DISPLAY, MARKETPLACE_ADS, CRM, OTHER_PAID);
  /** Every value of silver.touchpoints.traffic_channel: the media's, the mini-program's and service's. */
  public static final List<String> TRAFFIC_CHANNELS = Stream.concat(
      MEDIA_TRAFFIC_CHANNELS.stream(), Stream.of(OWNED, SERVICE)).toList();

  /**
   * Media (utm_source / ad_spend media) to traffic channel: the level at which spend and
   * attribution are compared. Unknown media become {@code other_paid}; no utm is {@code direct}.
   */
  public static Column trafficChannel(Column media) {
    Column m = lower(media);
    return when(media.isNull(), lit(DIRECT))
        .when(m.isin("douyin", "wechat", "weibo", "xiaohongshu"), lit(PAID_SOCIAL))
        .when(m.isin("baidu", "sogou", "google", "bing"), lit(PAID_SEARCH))
        .when(m.isin("display_net"), lit(DISPLAY))
        .when(m.isin("tmall", "taobao", "jd"), lit(MARKETPLACE_ADS))
        .when(m.isin("email", "sms", "crm"), lit(CRM))
        .otherwise(lit(OTHER_PAID));
  }
}
