package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SendRecordTest {

  @Test
  void metaValuesFitTheirColumnNeverRepeatAndSortByCreation() throws InterruptedException {
    String earlier = SendRecord.newMeta();
    Thread.sleep(2);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String meta = SendRecord.newMeta();
      assertEquals(32, meta.length(), meta);
      assertTrue(meta.matches("[0-9a-f]{16}[A-Za-z0-9_-]{16}"), meta);
      assertTrue(earlier.compareTo(meta) < 0, earlier + " sorts after " + meta);
      assertTrue(seen.add(meta), "repeated " + meta);
    }
  }
}
