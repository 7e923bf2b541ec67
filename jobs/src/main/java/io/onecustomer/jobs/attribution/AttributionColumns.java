package io.onecustomer.jobs.attribution;

import io.onecustomer.common.spec.Types;
import io.onecustomer.jobs.silver.SilverColumns;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * Columns and schemas of multi-touch attribution: the inputs {@link PathTransforms} builds journeys
 * from, the journeys every model reads, the credits every model writes, and the aggregated-path
 * format of {@code bin/attribution-csv}. See docs/attribution.md.
 */
public final class AttributionColumns {
  private AttributionColumns() {}

  /** Money: every value and credit is the suite's one money type, decimal(18,2), never double. */
  public static final DecimalType MONEY = Types.MONEY;

  /** Inputs of {@link PathTransforms#journeys}: one row per interaction of a known customer. */
  public static final class Touchpoints {
    private Touchpoints() {}

    public static final String CUSTOMER_ID = "customer_id";
    public static final String CHANNEL = "channel";
    public static final String TS = "ts";

    public static final StructType SCHEMA = new StructType()
        .add(CUSTOMER_ID, DataTypes.StringType)
        .add(CHANNEL, DataTypes.StringType)
        .add(TS, DataTypes.TimestampType);
  }

  /** Inputs of {@link PathTransforms#journeys}: one row per conversion (order). */
  public static final class Conversions {
    private Conversions() {}

    public static final String CONVERSION_ID = "conversion_id";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String TS = "ts";
    public static final String VALUE = "value";

    public static final StructType SCHEMA = new StructType()
        .add(CONVERSION_ID, DataTypes.StringType)
        .add(CUSTOMER_ID, DataTypes.StringType)
        .add(TS, DataTypes.TimestampType)
        .add(VALUE, MONEY);
  }

  /**
   * Journeys, the input of every model: one row per conversion, and one per customer whose touches
   * after the last conversion did not (yet) convert.
   */
  public static final class Journeys {
    private Journeys() {}

    public static final String JOURNEY_ID = "journey_id";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String IS_CONVERSION = "is_conversion";
    public static final String CONVERSION_TS = "conversion_ts";
    public static final String CONVERSION_VALUE = "conversion_value";
    public static final String TOUCHES = "touches";
    /** Field of a touch: the channel. */
    public static final String CHANNEL = "channel";
    /** Field of a touch: its time. */
    public static final String TS = "ts";
    /**
     * Optional column: how many identical journeys the row stands for (absent means 1). Aggregated
     * paths ({@link PathTransforms#fromAggregatedPaths}) use it; {@link #CONVERSION_VALUE} is then
     * the total value of all of them.
     */
    public static final String JOURNEY_WEIGHT = "journey_weight";

    public static final StructType TOUCH = new StructType()
        .add(CHANNEL, DataTypes.StringType)
        .add(TS, DataTypes.TimestampType);

    public static final StructType SCHEMA = new StructType()
        .add(JOURNEY_ID, DataTypes.StringType)
        .add(CUSTOMER_ID, DataTypes.StringType)
        .add(IS_CONVERSION, DataTypes.BooleanType)
        .add(CONVERSION_TS, DataTypes.TimestampType)
        .add(CONVERSION_VALUE, MONEY)
        .add(TOUCHES, DataTypes.createArrayType(TOUCH, false));

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        JOURNEY_ID, "The conversion id for a conversion; 'open:<customer_id>' for a non-converting path",
        CUSTOMER_ID, "Unified customer",
        IS_CONVERSION, "True for a conversion, false for the touches after a customer's last conversion",
        CONVERSION_TS, "Conversion time, UTC; null for a non-converting path",
        CONVERSION_VALUE, "Conversion value, CNY; null for a non-converting path",
        TOUCHES, "array<struct<channel, ts>>: the journey's touches in the lookback window, sorted by ts, channel");
  }

  /** Credits, the output of every model: one row per journey, model and channel. */
  public static final class Credits {
    private Credits() {}

    public static final String JOURNEY_ID = Journeys.JOURNEY_ID;
    public static final String CUSTOMER_ID = Journeys.CUSTOMER_ID;
    public static final String CONVERSION_TS = Journeys.CONVERSION_TS;
    public static final String MODEL = "model";
    public static final String CHANNEL = "channel";
    public static final String CREDIT_CONVERSIONS = "credit_conversions";
    public static final String CREDIT_VALUE = "credit_value";

    public static final Map<String, String> COLUMNS = SilverColumns.ordered(
        JOURNEY_ID, "The conversion",
        CUSTOMER_ID, "Unified customer",
        CONVERSION_TS, "Conversion time, UTC",
        MODEL, "first_touch, last_touch, last_non_direct, linear, time_decay, position_based, markov,"
            + " markov_without_nulls, shapley",
        CHANNEL, "Channel credited; direct/none for a conversion without any touch",
        CREDIT_CONVERSIONS, "Share of the conversion (sums to 1 per conversion and model)",
        CREDIT_VALUE, "Share of the conversion value, CNY (sums exactly to the value per conversion and model)");
  }

  /**
   * The aggregated-path CSV format of the ChannelAttribution package, read by
   * {@code bin/attribution-csv}: {@code path;total_conversions;total_conversion_value;total_null}
   * with channels separated by {@code " > "}.
   */
  public static final class AggregatedPaths {
    private AggregatedPaths() {}

    public static final String PATH = "path";
    public static final String TOTAL_CONVERSIONS = "total_conversions";
    public static final String TOTAL_CONVERSION_VALUE = "total_conversion_value";
    public static final String TOTAL_NULL = "total_null";
    /** Separator of channels in {@link #PATH}. */
    public static final String SEPARATOR = " > ";

    /** Declared types of the columns; only {@link #REQUIRED} must be present, in any order. */
    public static final StructType SCHEMA = new StructType()
        .add(PATH, DataTypes.StringType)
        .add(TOTAL_CONVERSIONS, DataTypes.DoubleType)
        .add(TOTAL_CONVERSION_VALUE, DataTypes.DoubleType)
        .add(TOTAL_NULL, DataTypes.DoubleType);
    public static final List<String> REQUIRED = List.of(PATH, TOTAL_CONVERSIONS);
  }

  /** Model names, the values of {@link Credits#MODEL}. */
  public static final class Models {
    private Models() {}

    public static final String FIRST_TOUCH = "first_touch";
    public static final String LAST_TOUCH = "last_touch";
    public static final String LAST_NON_DIRECT = "last_non_direct";
    public static final String LINEAR = "linear";
    public static final String TIME_DECAY = "time_decay";
    public static final String POSITION_BASED = "position_based";
    /** First-order Markov chain with removal effects, non-converting paths included. */
    public static final String MARKOV = "markov";
    /** First-order Markov chain with removal effects over converting paths only. */
    public static final String MARKOV_WITHOUT_NULLS = "markov_without_nulls";
    /**
     * Shapley values of each converting path's channels, the worth of a channel set being the
     * conversion rate of the journeys (converting or not) with exactly that set.
     */
    public static final String SHAPLEY = "shapley";

    /** Every model, in output order. */
    public static final List<String> ALL = List.of(FIRST_TOUCH, LAST_TOUCH, LAST_NON_DIRECT, LINEAR, TIME_DECAY,
        POSITION_BASED, MARKOV, MARKOV_WITHOUT_NULLS, SHAPLEY);

    /** The rule-based models, in output order. */
    public static final List<String> RULE_BASED =
        List.of(FIRST_TOUCH, LAST_TOUCH, LAST_NON_DIRECT, LINEAR, TIME_DECAY, POSITION_BASED);
    /** The models fitted on data (Markov, Shapley). */
    public static final List<String> DATA_DRIVEN = List.of(MARKOV, MARKOV_WITHOUT_NULLS, SHAPLEY);
  }
}
