package org.mailhub.dispatch;

/**
 * A provider refused a recipient's address for good at send time (an SMTP server's 5.1.1 "user
 * unknown"), fired in the transaction that records the failed send.
 *
 * @param detail the provider's answer
 */
public record AddressRejected(long providerId, long campaignId, String email, String detail) {}
