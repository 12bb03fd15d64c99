package org.mailhub.dispatch;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/** Prepares the next chunk of a campaign's audience, in the message's transaction. */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = Messages.PREPARE_QUEUE),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
    })
public class PrepareListener implements MessageListener {

  @Inject Preparation preparation;

  @Override
  public void onMessage(Message message) {
    try {
      preparation.prepareNext(Messages.campaignOf(((TextMessage) message).getText()));
    } catch (JMSException e) {
      throw new IllegalStateException("Unreadable prepare message", e);
    }
  }
}
