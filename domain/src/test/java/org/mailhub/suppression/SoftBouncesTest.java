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
import org.mailhub.callback.DeliveryEventType;

class SoftBouncesTest {

  @Test
  void fewerSoftBouncesThanTheLimitDoNotSuppress() {
    assertFalse(SoftBounces.reachLimit(reports(), 3));
    assertFalse(SoftBounces.reachLimit(reports(SOFT_BOUNCE, SOFT_BOUNCE), 3));
  }

  @Test
  void aDeliveryAnOpenOrAClickEndsTheRun() {
    assertFalse(
        SoftBounces.reachLimit(reports(SOFT_BOUNCE, SOFT_BOUNCE, DELIVERED, SOFT_BOUNCE), 3));
    assertFalse(SoftBounces.reachLimit(reports(SOFT_BOUNCE, OPENED, SOFT_BOUNCE, SOFT_BOUNCE), 3));
    assertFalse(SoftBounces.reachLimit(reports(SOFT_BOUNCE, CLICKED, SOFT_BOUNCE, SOFT_BOUNCE), 3));
  }

  @Test
  void aLimitBelowOneNeverSuppresses() {
    assertFalse(SoftBounces.reachLimit(reports(SOFT_BOUNCE, SOFT_BOUNCE, SOFT_BOUNCE), 0));
    assertFalse(SoftBounces.reachLimit(reports(SOFT_BOUNCE), -1));
  }

  @Test
  void theLimitInARowSuppressesWhateverOtherReportsLieBetween() {
    assertTrue(SoftBounces.reachLimit(reports(SOFT_BOUNCE, SOFT_BOUNCE, SOFT_BOUNCE), 3));
    assertTrue(SoftBounces.reachLimit(reports(SOFT_BOUNCE, DROPPED, SOFT_BOUNCE, SOFT_BOUNCE), 3));
    assertTrue(
        SoftBounces.reachLimit(reports(SOFT_BOUNCE, SOFT_BOUNCE, SOFT_BOUNCE, DELIVERED), 3));
    assertTrue(SoftBounces.reachLimit(reports(SOFT_BOUNCE), 1));
  }

  @Test
  void retriesOfOneEmailReportedAsSoftBouncesCountOnce() {
    List<SoftBounces.Report> oneEmail =
        List.of(
            new SoftBounces.Report(SOFT_BOUNCE, 7L),
            new SoftBounces.Report(SOFT_BOUNCE, 7L),
            new SoftBounces.Report(SOFT_BOUNCE, 7L));
    assertFalse(SoftBounces.reachLimit(oneEmail, 3));
    List<SoftBounces.Report> threeEmails =
        List.of(
            new SoftBounces.Report(SOFT_BOUNCE, 7L),
            new SoftBounces.Report(SOFT_BOUNCE, 6L),
            new SoftBounces.Report(SOFT_BOUNCE, 7L),
            new SoftBounces.Report(SOFT_BOUNCE, null));
    assertTrue(SoftBounces.reachLimit(threeEmails, 3), "two emails and a report of no known email");
  }

  /** Reports of these kinds, each about an email of its own. */
  private static List<SoftBounces.Report> reports(DeliveryEventType... types) {
    List<SoftBounces.Report> reports = new java.util.ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      reports.add(new SoftBounces.Report(types[i], (long) i));
    }
    return reports;
  }
}
