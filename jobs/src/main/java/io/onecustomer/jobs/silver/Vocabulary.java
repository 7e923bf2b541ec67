package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

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

  /**
   * Media (utm_source / ad_spend media) to traffic channel: the level at which spend and
   * attribution are compared. Unknown media become {@code other_paid}; no utm is {@code direct}.
   */
  public static Column trafficChannel(Column media) {
    Column m = lower(media);
    return when(media.isNull(), lit(DIRECT))
        .when(m.isin("douyin", "wechat", "weibo", "xiaohongshu"), lit("paid_social"))
        .when(m.isin("baidu", "sogou", "google", "bing"), lit("paid_search"))
        .when(m.isin("display_net"), lit("display"))
        .when(m.isin("tmall", "taobao", "jd"), lit("marketplace_ads"))
        .when(m.isin("email", "sms", "crm"), lit("crm"))
        .otherwise(lit("other_paid"));
  }
}
