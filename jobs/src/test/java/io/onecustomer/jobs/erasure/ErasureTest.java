package io.onecustomer.jobs.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErasureTest {
  static boolean found(List<Pattern> ps, String text) {
    return ps.stream().anyMatch(p -> p.matcher(text).find());
  }

  @Test
  void rawSearchFindsEveryChannelsSpellingOfThePersonsValuesAndNothingElse() {
    Map<String, Set<String>> raw = new LinkedHashMap<>();
    raw.put("phone", Set.of("+8613812345678"));
    raw.put("email", Set.of("li.na@example.com"));
    raw.put("member_id", Set.of("M000123"));
    List<Pattern> ps = Erasure.rawPatterns(raw);
    assertEquals(3, ps.size());
    for (String hit : List.of("13812345678", "+86 138 1234 5678", "0086-138-1234-5678", "(138)1234-5678",
        "{\"phone\":\"138 1234 5678\"}", "LI.NA@EXAMPLE.COM", "card,m000123,x")) {
      assertTrue(found(ps, hit), hit);
    }
    for (String miss : List.of("113812345678", "1381234567", "138****5678", "xli.na@example.community",
        "M0001234", "M000123X", "pli.na@example.com")) {
      assertFalse(found(ps, miss), miss);
    }
  }
}
