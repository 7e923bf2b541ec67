package io.onecustomer.common.spec;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configured changes to the specs' checks ({@code onecustomer.quality}): whether gates run at
 * all, and per table and check a level and/or threshold.
 */
public record QualityRules(boolean enabled, List<Override> overrides) {
  public record Override(String table, String check, Level level, Double threshold) {}

  public QualityRules {
    overrides = List.copyOf(overrides);
  }

  public static QualityRules defaults() {
    return new QualityRules(true, List.of());
  }

  /** The spec's checks with this configuration applied. */
  public List<Check> apply(TableSpec spec) {
    Map<String, Override> mine = overrides.stream().filter(o -> o.table().equals(spec.qualified()))
        .collect(Collectors.toMap(Override::check, o -> o, (a, b) -> b));
    return spec.checks().stream().map(c -> {
      Override o = mine.get(c.name());
      if (o == null) {
        return c;
      }
      Check out = o.level() == null ? c : c.at(o.level());
      return o.threshold() == null ? out : out.withThreshold(o.threshold());
    }).toList();
  }

  /** Overrides naming a table or check that no spec has: a configuration error. */
  public void validate(List<TableSpec> specs, List<String> extraChecks) {
    for (Override o : overrides) {
      TableSpec s = specs.stream().filter(x -> x.qualified().equals(o.table())).findFirst().orElseThrow(
          () -> new IllegalArgumentException("onecustomer.quality.overrides names unknown table '" + o.table() + "'"));
      boolean known = s.checks().stream().anyMatch(c -> c.name().equals(o.check())) || extraChecks.contains(o.check());
      if (!known) {
        throw new IllegalArgumentException("onecustomer.quality.overrides: " + o.table() + " has no check '" + o.check()
            + "'; its checks: " + s.checks().stream().map(Check::name).collect(Collectors.joining(", ")));
      }
    }
  }
}
