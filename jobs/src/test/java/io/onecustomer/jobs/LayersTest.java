package io.onecustomer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No code refers to a layer above its own: framework, bronze, privacy (hashing and erased
 * identifiers), silver, identity, customer, analytics and attribution, value, then the commands
 * (erasure, key rotation, tools) and the runner with the entry point. A reference is an import or a qualified
 * name in the code. Run alone: {@code mvn -pl jobs verify -Dtest=LayersTest}.
 */
class LayersTest {
  /** Package (below io.onecustomer.jobs) to layer; the root package's framework classes are layer 0. */
  static final Map<String, Integer> LAYERS = new LinkedHashMap<>();

  static {
    LAYERS.put("bronze", 1);
    LAYERS.put("privacy", 2);
    LAYERS.put("silver", 3);
    LAYERS.put("identity", 4);
    LAYERS.put("customer", 5);
    LAYERS.put("analytics", 6);
    LAYERS.put("attribution", 6);
    LAYERS.put("value", 7);
    LAYERS.put("erasure", 8);
    LAYERS.put("tools", 8);
    LAYERS.put("keys", 8);
    LAYERS.put("report", 8);
  }

  /** Root-package classes that run jobs rather than being part of one. */
  static final Set<String> RUNNER = Set.of("JobRegistry", "Runner", "Main", "Reprocessing");
  static final int RUNNER_LAYER = 9;

  static final Pattern REF = Pattern.compile("io\\.onecustomer\\.jobs\\.([a-z]+\\.)?([A-Z][A-Za-z0-9]*)");

  static int layer(String pkg, String cls) {
    if (pkg == null) {
      return RUNNER.contains(cls) ? RUNNER_LAYER : 0;
    }
    Integer l = LAYERS.get(pkg);
    if (l == null) {
      throw new IllegalStateException("package io.onecustomer.jobs." + pkg + " has no layer in LayersTest");
    }
    return l;
  }

  @Test
  void noCodeRefersToAHigherLayer() throws IOException {
    Path root = Path.of("src", "main", "java", "io", "onecustomer", "jobs");
    List<String> violations = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    for (Path f : files) {
      violations.addAll(violations(root.relativize(f), Files.readString(f)));
    }
    assertTrue(files.size() > 100, "read the sources: " + files.size() + " files under " + root.toAbsolutePath());
    assertEquals(List.of(), violations.stream().distinct().toList());
  }

  @Test
  void anImportUpALayerIsFound() {
    assertEquals(List.of("identity/IdentityScorer.java (layer 4) -> io.onecustomer.jobs.tools.SqlShell (layer 8)"),
        violations(Path.of("identity", "IdentityScorer.java"),
            "package io.onecustomer.jobs.identity;\nimport io.onecustomer.jobs.tools.SqlShell;\n"
                + "import io.onecustomer.jobs.silver.Identifiers;\n/** io.onecustomer.jobs.value.Note in a comment */\n"));
  }

  static List<String> violations(Path rel, String source) {
    String pkg = rel.getNameCount() == 1 ? null : rel.getName(0).toString();
    String cls = rel.getFileName().toString().replace(".java", "");
    int mine = layer(pkg, cls);
    String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    List<String> out = new ArrayList<>();
    Matcher m = REF.matcher(code);
    while (m.find()) {
      String otherPkg = m.group(1) == null ? null : m.group(1).substring(0, m.group(1).length() - 1);
      int theirs = layer(otherPkg, m.group(2));
      if (theirs > mine) {
        out.add(rel + " (layer " + mine + ") -> " + m.group() + " (layer " + theirs + ")");
      }
    }
    return out;
  }
}
