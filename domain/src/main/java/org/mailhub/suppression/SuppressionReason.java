package org.mailhub.suppression;

/** Why an address is never mailed again ("channel unsubscribed"). */
public enum SuppressionReason {
  UNSUBSCRIBED,
  SPAM_COMPLAINT,
  HARD_BOUNCE,
  PREFERENCE_CENTER,
  MANUAL
}
