package org.mailhub.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CampaignTest {

  private static Campaign draft() {
    return new Campaign("Spring", null, "Hi", null, "<p>Hi</p>", "{}", Audience.all());
  }

  @Test
  void aCampaignIsLaunchedOnce() {
    Campaign campaign = draft();
    campaign.launch(7);

    assertEquals(CampaignStatus.SENDING, campaign.status());
    assertEquals(7L, campaign.providerId());
    assertThrows(IllegalStateException.class, () -> campaign.launch(7));
  }

  @Test
  void itFinishesOnlyWhenPreparedAndFailsWhenNothingWasSent() {
    Campaign campaign = draft();
    campaign.launch(1);
    campaign.finish(true, false);
    assertEquals(CampaignStatus.SENDING, campaign.status());

    campaign.preparationDone();
    campaign.finish(false, true);
    assertEquals(CampaignStatus.FAILED, campaign.status());
  }

  @Test
  void aFinishedCampaignCannotBeCancelled() {
    Campaign campaign = draft();
    campaign.launch(1);
    campaign.preparationDone();
    campaign.finish(true, true);

    assertEquals(CampaignStatus.SENT, campaign.status());
    assertThrows(IllegalStateException.class, campaign::cancel);
  }
}
