package io.onecustomer.jobs.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A page as a reader's browser shows it: Debian's headless Chromium (.ci/run installs it). The
 * page is opened from a copy with two probes added: one at the top of its head that records every
 * script error and console.error, one after its scripts that reads back, for every ECharts chart,
 * the values its series hold and the SVG shapes it drew, into a {@code <pre id="probe">} that the
 * dumped DOM carries out.
 */
final class Chromium {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String ERRORS = "<script>window.__errors = [];"
      + "window.addEventListener('error', function (e) { __errors.push('error: ' + e.message); });"
      + "(function () { var ce = console.error; console.error = function () {"
      + " __errors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); ce.apply(console, arguments); }; })();"
      + "</script>";

  private static final String PROBE = "<script>window.addEventListener('load', function () {"
      + "var charts = [];"
      + "document.querySelectorAll('.chart').forEach(function (el) {"
      + "  var c = echarts.getInstanceByDom(el), points = 0, sum = 0;"
      + "  (c ? c.getOption().series : []).forEach(function (s) {"
      + "    var items = s.type === 'sankey' ? s.links : s.data;"
      + "    (items || []).forEach(function (d) {"
      + "      var v = d !== null && typeof d === 'object' ? d.value : d;"
      + "      if (typeof v === 'number' && isFinite(v)) { points++; sum += v; }"
      + "    });"
      + "  });"
      + "  charts.push({ id: el.id, source: el.dataset.source, value: el.dataset.value, points: points, sum: sum,"
      + "    shapes: el.querySelectorAll('svg path, svg rect').length });"
      + "});"
      + "var pre = document.createElement('pre'); pre.id = 'probe';"
      + "pre.textContent = JSON.stringify({ errors: window.__errors, charts: charts });"
      + "document.body.appendChild(pre);"
      + "});</script>";

  /** What the probes found. */
  record Probe(List<String> errors, JsonNode charts) {}

  private Chromium() {}

  /** The browser: {@code chromium} on the PATH (Debian), else a clear failure. */
  static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      for (String name : List.of("chromium", "chromium-browser")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    throw new AssertionError("no chromium on the PATH: .ci/run installs it (apt-get install chromium)");
  }

  /** Opens {@code page} with the probes and returns what they found. */
  static Probe probe(Path page, Path work) throws Exception {
    String html = Files.readString(page);
    int head = html.indexOf("<head>") + "<head>".length();
    int body = html.lastIndexOf("</body>");
    String probed = html.substring(0, head) + ERRORS + html.substring(head, body) + PROBE + html.substring(body);
    Path copy = work.resolve("probed-" + page.getFileName());
    Files.writeString(copy, probed);
    String dom = run(work, "--dump-dom", copy.toUri().toString());
    int from = dom.indexOf("<pre id=\"probe\">");
    if (from < 0) {
      throw new AssertionError("the probe did not run (a script failed before the page loaded?); DOM ends with: "
          + dom.substring(Math.max(0, dom.length() - 2000)));
    }
    String text = dom.substring(from + "<pre id=\"probe\">".length(), dom.indexOf("</pre>", from))
        .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    JsonNode found = JSON.readTree(text);
    List<String> errors = new ArrayList<>();
    found.get("errors").forEach(e -> errors.add(e.asText()));
    return new Probe(errors, found.get("charts"));
  }

  /** Saves a full-page screenshot of {@code page} (1400 px wide). */
  static void screenshot(Path page, Path png, int height) throws Exception {
    Files.deleteIfExists(png);
    run(png.getParent(), "--hide-scrollbars", "--window-size=1400," + height, "--screenshot=" + png,
        page.toUri().toString());
    if (!Files.isRegularFile(png) || Files.size(png) < 10_000) {
      throw new AssertionError("no screenshot written to " + png);
    }
  }

  private static String run(Path work, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(binary(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + Files.createTempDirectory(work, "chromium"),
        "--virtual-time-budget=15000"));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(work, "chromium", ".out");
    Path err = Files.createTempFile(work, "chromium", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(err));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("chromium exited " + p.exitValue() + ": " + Files.readString(err));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
