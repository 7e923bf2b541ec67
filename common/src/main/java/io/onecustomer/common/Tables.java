package io.onecustomer.common;

/** Every table the suite writes, in one place. Column names live with each entity's schema. */
public final class Tables {
  private Tables() {}

  public static final String BRONZE = "bronze";
  public static final String SILVER = "silver";
  public static final String GOLD = "gold";
  public static final String OPS = "ops";

  // bronze: one table per source entity (bronze.<source>_<entity>); rejects sit next to each.
  public static final TableId BRONZE_MARKETPLACE_ORDERS = new TableId(BRONZE, "marketplace_orders");
  public static final TableId BRONZE_MINIPROGRAM_ORDERS = new TableId(BRONZE, "miniprogram_orders");
  public static final TableId BRONZE_MINIPROGRAM_EVENTS = new TableId(BRONZE, "miniprogram_events");
  public static final TableId BRONZE_POS_SALES = new TableId(BRONZE, "pos_sales");
  public static final TableId BRONZE_CRM_MEMBERS = new TableId(BRONZE, "crm_members");
  public static final TableId BRONZE_DISTRIBUTOR_SELLOUT = new TableId(BRONZE, "distributor_sellout");
  public static final TableId BRONZE_CLICKSTREAM_EVENTS = new TableId(BRONZE, "clickstream_events");
  public static final TableId BRONZE_AD_SPEND_DAILY = new TableId(BRONZE, "ad_spend_daily");
  public static final TableId BRONZE_SERVICE_TICKETS = new TableId(BRONZE, "service_tickets");
  public static final TableId BRONZE_PRODUCTS_CATALOG = new TableId(BRONZE, "products_catalog");

  // silver: conformed entities.
  public static final TableId SILVER_ORDERS = new TableId(SILVER, "orders");
  public static final TableId SILVER_TOUCHPOINTS = new TableId(SILVER, "touchpoints");
  public static final TableId SILVER_IDENTIFIERS = new TableId(SILVER, "identifiers");
  public static final TableId SILVER_PRODUCTS = new TableId(SILVER, "products");
  public static final TableId SILVER_AD_SPEND = new TableId(SILVER, "ad_spend");
  public static final TableId SILVER_SERVICE_TICKETS = new TableId(SILVER, "service_tickets");
  public static final TableId SILVER_MEMBERS = new TableId(SILVER, "members");

  // ops: what the pipeline itself records.
  public static final TableId OPS_INGEST_AUDIT = new TableId(OPS, "ingest_audit");
}
