package org.mailhub.dispatch;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * Sends a dispatch chunk. Runs outside a transaction: the dispatcher commits the claim and each
 * call's outcome on its own, and a message delivered again after a failure or a restart finds its
 * chunk claimed or done and leaves it.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = Messages.DISPATCH_QUEUE),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      // no prefetching: a chunk waits in the queue for the next free session instead of queueing
      // up behind a busy one
      @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0"),
      @ActivationConfigProperty(
          propertyName = "maxSession",
          propertyValue = "${mailhub.dispatch.concurrency:16}")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DispatchListener implements MessageListener {

  @Inject Dispatcher dispatcher;

  @Override
  public void onMessage(Message message) {
    try {
      Messages.Dispatch dispatch = Messages.dispatchOf(((TextMessage) message).getText());
      dispatcher.dispatch(dispatch.campaign(), dispatch.chunk());
    } catch (JMSException e) {
      throw new IllegalStateException("Unreadable dispatch message", e);
    }
  }
}
