package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SendStatusTest {

  @Test
  void onceACallMayHaveStartedNothingLeadsBackToAProvider() {
    // the only way back to the queue is from SENDING, for recipients no call carried
    for (SendStatus status : SendStatus.values()) {
      if (status != SendStatus.SENDING) {
        assertFalse(status.canBecome(SendStatus.QUEUED), status + " -> QUEUED");
      }
      assertFalse(status.canBecome(SendStatus.SENDING) && status != SendStatus.QUEUED, status + "");
    }
    assertFalse(SendStatus.IN_DOUBT.canBecome(SendStatus.QUEUED));
    assertFalse(SendStatus.IN_DOUBT.canBecome(SendStatus.FAILED));
  }

  @Test
  void aRecipientInDoubtBecomesSentOnlyOnTheProvidersReport() {
    assertEquals(
        Set.of(SendStatus.SENT),
        EnumSet.allOf(SendStatus.class).stream()
            .filter(SendStatus.IN_DOUBT::canBecome)
            .collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void endsAreFinalAndInDoubtEndsTheCampaignsWait() {
    for (SendStatus end :
        EnumSet.of(
            SendStatus.SENT, SendStatus.FAILED, SendStatus.SUPPRESSED, SendStatus.CANCELLED)) {
      assertTrue(end.isFinal());
      for (SendStatus next : SendStatus.values()) {
        assertFalse(end.canBecome(next), end + " -> " + next);
      }
    }
    assertTrue(SendStatus.IN_DOUBT.isFinal());
    assertFalse(SendStatus.QUEUED.isFinal());
    assertFalse(SendStatus.SENDING.isFinal());
  }
}
