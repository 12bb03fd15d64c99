package org.mailhub.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.dispatch.SendStatus;

class StatsTest {

  @Test
  void aTotalThatIsNotTheFailuresAndTheErrorsIsRefused() {
    Stats.Failed failed = new Stats.Failed(1, 1, 0, 0, 0, 0);

    assertThrows(
        IllegalArgumentException.class, () -> new Stats(5, 3, failed, 2, 0, 0, 0, 0, 1, Map.of()));
  }

  @Test
  void failedTotalCountsTheRefusalsAndEveryReportedFailureButNotDeliveriesClicksOrOpens() {
    Stats stats =
        StatsService.stats(
            Map.of(SendStatus.SENT, 10L, SendStatus.FAILED, 2L, SendStatus.SUPPRESSED, 4L),
            Map.of(
                DeliveryEventType.DELIVERED, 7L,
                DeliveryEventType.HARD_BOUNCE, 1L,
                DeliveryEventType.SOFT_BOUNCE, 2L,
                DeliveryEventType.DROPPED, 3L,
                DeliveryEventType.INVALID, 4L,
                DeliveryEventType.SPAM, 5L,
                DeliveryEventType.UNSUBSCRIBED, 6L,
                DeliveryEventType.CLICKED, 8L,
                DeliveryEventType.OPENED, 9L),
            Map.of());

    assertEquals(2 + 1 + 2 + 3 + 4 + 5 + 6, stats.failedTotal());
    assertEquals(2, stats.errors());
    assertEquals(4, stats.suppressed());
    assertEquals(1 + 3 + 4 + 5 + 6, stats.unsubscribed(), "the kinds that suppress");
  }

  @Test
  void nothingReportedAndNothingRefusedIsNoFailure() {
    assertEquals(
        0, StatsService.stats(Map.of(SendStatus.SENT, 3L), Map.of(), Map.of()).failedTotal());
  }
}
