package org.mailhub.suppression;

/** Why an address is never mailed again ("channel unsubscribed"). */
public enum SuppressionReason {
  UNSUBSCRIBED,
  SPAM_COMPLAINT,
  HARD_BOUNCE,
  PREFERENCE_CENTER,
  MANUAL;

  /** Stored by name. */
  @jakarta.persistence.Converter(autoApply = true)
  public static class Column extends org.mailhub.infrastructure.EnumColumn<SuppressionReason> {
    public Column() {
      super(SuppressionReason.class);
    }
  }
}
