package io.onecustomer.jobs.attribution;

import java.math.BigDecimal;

/**
 * A channel's total credit under one model over a set of journeys (the data-driven models' channel
 * totals, and the rows of {@code bin/attribution-csv}).
 *
 * @param conversions attributed conversions (sums to the journeys' conversions per model)
 * @param value attributed value, cents (sums exactly to the journeys' value per model)
 */
public record ChannelCredit(String channel, String model, double conversions, BigDecimal value) {}
