package org.mailhub.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CampaignFailoverTest {

  @Test
  void wrongCredentialsAreHttp401And403AndSmtp535() {
    assertTrue(CampaignFailover.authenticationFailed(401));
    assertTrue(CampaignFailover.authenticationFailed(403));
    assertTrue(CampaignFailover.authenticationFailed(535));
    assertFalse(CampaignFailover.authenticationFailed(400));
    assertFalse(CampaignFailover.authenticationFailed(422));
    assertFalse(CampaignFailover.authenticationFailed(550));
    assertFalse(CampaignFailover.authenticationFailed(null));
  }

  @Test
  void recipientsMoveOnOnceTheirProviderHadItsAttempts() {
    assertFalse(CampaignFailover.movesOn(1, 3));
    assertFalse(CampaignFailover.movesOn(2, 3));
    assertTrue(CampaignFailover.movesOn(3, 3));
    assertTrue(CampaignFailover.movesOn(4, 3));
    assertTrue(CampaignFailover.movesOn(1, 1));
    assertFalse(CampaignFailover.movesOn(9, 0), "0 never moves on by attempts");
  }

  @Test
  void aCampaignFailsOverToAnotherProvider() {
    assertThrows(IllegalArgumentException.class, () -> new CampaignFailover(1, 2, 2, "x", false));
    CampaignFailover failover = new CampaignFailover(1, 2, 3, "x".repeat(5000), true);
    assertEquals(3, failover.toProviderId());
    assertTrue(failover.reason().length() <= Texts.MAX_ERROR);
  }
}
