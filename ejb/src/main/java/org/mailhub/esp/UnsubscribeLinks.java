package org.mailhub.esp;

import org.mailhub.provider.Provider;

/**
 * The unsubscribe links an email carries, as the provider's preference center wants them. Owned
 * here, where emails are made, and implemented by the preference center, so that sending and test
 * emails need not know it.
 */
public interface UnsubscribeLinks {

  /** The links for one recipient, or null when the provider leaves preferences to the customer. */
  Email.Unsubscribe forSend(Provider provider, String email, String meta);
}
