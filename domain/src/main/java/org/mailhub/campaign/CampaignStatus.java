package org.mailhub.campaign;

public enum CampaignStatus {
  DRAFT,
  SENDING,
  SENT,
  FAILED,
  CANCELLED;

  /** Stored by name. */
  @jakarta.persistence.Converter(autoApply = true)
  public static class Column extends org.mailhub.infrastructure.EnumColumn<CampaignStatus> {
    public Column() {
      super(CampaignStatus.class);
    }
  }
}
