package org.mailhub.campaign;

public enum CampaignStatus {
  DRAFT,
  SENDING,
  SENT,
  FAILED,
  CANCELLED
}
