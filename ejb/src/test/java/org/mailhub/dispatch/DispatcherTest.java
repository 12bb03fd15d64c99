package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.Email;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.SendOutcome;

class DispatcherTest {

  @Test
  void backoffDoublesUpToTenMinutes() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.retryDelay = Duration.ofSeconds(2);

    assertEquals(Duration.ofSeconds(2), dispatcher.backoff(1));
    assertEquals(Duration.ofSeconds(8), dispatcher.backoff(3));
    assertEquals(Duration.ofMinutes(10), dispatcher.backoff(30));
  }

  @Test
  void partitionKeepsOrderAndSize() {
    List<Email> emails = List.of(email("a"), email("b"), email("c"), email("d"), email("e"));

    assertEquals(
        List.of(List.of("a", "b"), List.of("c", "d"), List.of("e")),
        EmailGateway.partition(emails, 2).stream()
            .map(b -> b.stream().map(Email::to).toList())
            .toList());
  }

  @Test
  void theClaimOrdersTheCallsAsPositionsInTheChunk() {
    List<Email> emails = List.of(email("a"), email("b"), email("c"), email("d"));
    // a batching gateway groups a, c and b, d (recipients sharing what is outside the batch)
    List<List<Email>> batches =
        List.of(List.of(emails.get(0), emails.get(2)), List.of(emails.get(1), emails.get(3)));

    assertEquals(List.of(List.of(0, 2), List.of(1, 3)), Dispatcher.positions(batches, emails));
  }

  @Test
  void outcomesAreDescribedForTheSendRecord() {
    assertEquals("503 (E42) busy", Dispatcher.describe(SendOutcome.rejected(503, "E42", "busy")));
    assertEquals("timed out", Dispatcher.describe(SendOutcome.rejected(null, null, "timed out")));
  }

  private static Email email(String to) {
    return new Email(to, "s", "h", Map.of(), to);
  }
}
