package org.mailhub.suppression;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailhub.callback.DeliveryEventType.CLICKED;
import static org.mailhub.callback.DeliveryEventType.DELIVERED;
import static org.mailhub.callback.DeliveryEventType.DROPPED;
import static org.mailhub.callback.DeliveryEventType.OPENED;
import static org.mailhub.callback.DeliveryEventType.SOFT_BOUNCE;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoftBouncesTest {

  @Test
  void fewerSoftBouncesThanTheLimitDoNotSuppress() {
    assertFalse(SoftBounces.reachLimit(List.of(), 3));
    assertFalse(SoftBounces.reachLimit(List.of(SOFT_BOUNCE, SOFT_BOUNCE), 3));
  }

  @Test
  void aDeliveryAnOpenOrAClickEndsTheRun() {
    assertFalse(
        SoftBounces.reachLimit(List.of(SOFT_BOUNCE, SOFT_BOUNCE, DELIVERED, SOFT_BOUNCE), 3));
    assertFalse(SoftBounces.reachLimit(List.of(SOFT_BOUNCE, OPENED, SOFT_BOUNCE, SOFT_BOUNCE), 3));
    assertFalse(SoftBounces.reachLimit(List.of(SOFT_BOUNCE, CLICKED, SOFT_BOUNCE, SOFT_BOUNCE), 3));
  }

  @Test
  void aLimitBelowOneNeverSuppresses() {
    assertFalse(SoftBounces.reachLimit(List.of(SOFT_BOUNCE, SOFT_BOUNCE, SOFT_BOUNCE), 0));
    assertFalse(SoftBounces.reachLimit(List.of(SOFT_BOUNCE), -1));
  }

  @Test
  void theLimitInARowSuppressesWhateverOtherReportsLieBetween() {
    assertTrue(SoftBounces.reachLimit(List.of(SOFT_BOUNCE, SOFT_BOUNCE, SOFT_BOUNCE), 3));
    assertTrue(SoftBounces.reachLimit(List.of(SOFT_BOUNCE, DROPPED, SOFT_BOUNCE, SOFT_BOUNCE), 3));
    assertTrue(
        SoftBounces.reachLimit(List.of(SOFT_BOUNCE, SOFT_BOUNCE, SOFT_BOUNCE, DELIVERED), 3));
    assertTrue(SoftBounces.reachLimit(List.of(SOFT_BOUNCE), 1));
  }
}
