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

  @Test
  void whateverAProviderAnswersFitsTheRecord() {
    DispatchChunk chunk =
        new DispatchChunk(7, java.util.List.of(new Recipient(1, "a@example.com", "m")), 2, null);
    String longId = "x".repeat(400);

    SendRecord sent =
        SendRecord.ended(
            chunk, 3, chunk.recipients().get(0), SendStatus.SENT, longId, "e".repeat(5000));

    assertTrue(sent.messageId().length() <= Texts.MAX_MESSAGE_ID, sent.messageId());
    assertEquals(Texts.messageId(longId), sent.messageId(), "a callback's id is bounded alike");
    assertEquals("short-id", Texts.messageId("short-id"));
    assertEquals(Texts.MAX_ERROR, sent.error().length());
    assertEquals(2, sent.attempts(), "the chunk's attempt");
    assertEquals("bad  answer", Texts.abbreviate("bad \0 answer", 100), "no NUL for PostgreSQL");
    assertTrue(Texts.messageId("id\0").startsWith("sha256:"));
  }

  @Test
  void aRecipientInDoubtIsSentOnceTheProviderReportsIt() {
    DispatchChunk chunk =
        new DispatchChunk(7, java.util.List.of(new Recipient(1, "a@example.com", "m")), 1, null);
    SendRecord record =
        SendRecord.ended(chunk, 3, chunk.recipients().get(0), SendStatus.IN_DOUBT, null, "?");

    record.reportedByProvider();

    assertEquals(SendStatus.SENT, record.status());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> SendRecord.ended(chunk, 3, chunk.recipients().get(0), SendStatus.QUEUED, null, null));
  }
}
