package org.mailhub.esp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.smtp.SmtpSettings.Security;

class TransportPoolTest {

  private static final long IDLE = TimeUnit.SECONDS.toNanos(30);

  /** A connection whose server may have dropped it; counts the NOOPs it was asked. */
  static final class FakeTransport extends Transport {
    boolean serverHolds = true;
    boolean closed;
    int noops;

    FakeTransport() {
      super(Session.getInstance(new Properties()), null);
    }

    @Override
    public boolean isConnected() {
      noops++;
      return serverHolds && !closed;
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public void sendMessage(Message message, Address[] addresses) {
      throw new UnsupportedOperationException("the pool never sends");
    }
  }

  private long now = 1_000;
  private final List<FakeTransport> opened = new ArrayList<>();

  private TransportPool pool(int size) {
    return new TransportPool(size, IDLE, () -> now);
  }

  private TransportPool.Lease borrow(TransportPool pool, String key) throws MessagingException {
    return pool.borrow(
        key,
        () -> {
          FakeTransport transport = new FakeTransport();
          opened.add(transport);
          return transport;
        });
  }

  @Test
  void aConnectionThatFailedIsClosedAndNeverLentAgain() throws MessagingException {
    TransportPool pool = pool(4);
    TransportPool.Lease first = borrow(pool, "relay");
    first.discard();
    TransportPool.Lease second = borrow(pool, "relay");

    assertTrue(opened.get(0).closed);
    assertNotSame(first.transport(), second.transport());
    assertEquals(2, opened.size());
  }

  @Test
  void aConnectionTheServerDroppedIsFoundByNoopAndReplacedBeforeAnySend()
      throws MessagingException {
    TransportPool pool = pool(4);
    borrow(pool, "relay").release();
    opened.get(0).serverHolds = false;

    TransportPool.Lease lease = borrow(pool, "relay");

    assertEquals(1, opened.get(0).noops);
    assertTrue(opened.get(0).closed);
    assertSame(opened.get(1), lease.transport());
  }

  @Test
  void aConnectionIdleForTheIdleTimeIsClosedWithoutBeingAsked() throws MessagingException {
    TransportPool pool = pool(4);
    borrow(pool, "relay").release();
    now += IDLE - 1;
    pool.closeIdle();
    assertFalse(opened.get(0).closed);

    now += 1;
    pool.closeIdle();

    assertTrue(opened.get(0).closed);
    assertEquals(0, pool.idle());
    assertEquals(0, opened.get(0).noops);
  }

  @Test
  void aConnectionPastItsIdleTimeIsNotLentEvenBeforeTheSweep() throws MessagingException {
    TransportPool pool = pool(4);
    borrow(pool, "relay").release();
    now += IDLE;

    TransportPool.Lease lease = borrow(pool, "relay");

    assertTrue(opened.get(0).closed);
    assertSame(opened.get(1), lease.transport());
  }

  @Test
  void whenEveryPooledConnectionIsLentAnExtraOneIsOpenedAndClosedAfterUse()
      throws MessagingException {
    TransportPool pool = pool(1);
    TransportPool.Lease kept = borrow(pool, "relay");
    TransportPool.Lease extra = borrow(pool, "relay");
    extra.release();
    kept.release();

    assertTrue(opened.get(1).closed);
    assertFalse(opened.get(0).closed);
    assertEquals(1, pool.idle());
    assertSame(opened.get(0), borrow(pool, "relay").transport());
  }

  @Test
  void sizeZeroOpensOneConnectionPerEmail() throws MessagingException {
    TransportPool pool = pool(0);
    borrow(pool, "relay").release();
    borrow(pool, "relay").release();

    assertEquals(2, opened.size());
    assertTrue(opened.get(0).closed && opened.get(1).closed);
  }

  @Test
  void aFailedConnectFreesItsPlace() throws MessagingException {
    TransportPool pool = pool(1);
    assertThrows(
        MessagingException.class,
        () ->
            pool.borrow(
                "relay",
                () -> {
                  throw new MessagingException("Couldn't connect to host");
                }));

    borrow(pool, "relay").release();

    assertEquals(1, pool.idle());
  }

  @Test
  void connectionsAreLentAgainOnlyForTheirOwnKey() throws MessagingException {
    TransportPool pool = pool(4);
    borrow(pool, "relay-a").release();

    TransportPool.Lease other = borrow(pool, "relay-b");
    TransportPool.Lease same = borrow(pool, "relay-a");

    assertSame(opened.get(1), other.transport());
    assertSame(opened.get(0), same.transport());
    assertEquals(1, opened.get(0).noops);
  }

  @Test
  void afterCloseIdleConnectionsAreClosedAndLentOnesWhenTheyComeBack() throws MessagingException {
    TransportPool pool = pool(4);
    TransportPool.Lease lent = borrow(pool, "relay");
    borrow(pool, "relay").release();

    pool.close();
    assertTrue(opened.get(1).closed);
    lent.release();

    assertTrue(opened.get(0).closed);
    assertEquals(0, pool.idle());
  }

  @Test
  void theKeyChangesWithEverySettingThePasswordIncluded() {
    SmtpSettings settings =
        new SmtpSettings("relay.internal", 587, Security.STARTTLS, "hub", "secret", null, null);
    String key = SmtpConnections.key(settings);

    assertEquals(
        key,
        SmtpConnections.key(
            new SmtpSettings(
                "relay.internal", 587, Security.STARTTLS, "hub", "secret", null, null)));
    assertNotEquals(
        key,
        SmtpConnections.key(
            new SmtpSettings(
                "relay.internal", 587, Security.STARTTLS, "hub", "changed", null, null)));
    assertNotEquals(
        key,
        SmtpConnections.key(
            new SmtpSettings(
                "relay.internal", 2587, Security.STARTTLS, "hub", "secret", null, null)));
    assertNotEquals(
        key,
        SmtpConnections.key(
            new SmtpSettings("relay.internal", 587, Security.TLS, "hub", "secret", null, null)));
    assertNotEquals(
        key,
        SmtpConnections.key(
            new SmtpSettings(
                "relay.internal", 587, Security.STARTTLS, "hub", "secret", "PEM", null)));
    assertNotEquals(
        SmtpConnections.key(
            new SmtpSettings("relay.internal", 587, Security.STARTTLS, "ab", "c", null, null)),
        SmtpConnections.key(
            new SmtpSettings("relay.internal", 587, Security.STARTTLS, "a", "bc", null, null)));
    assertNotEquals(
        SmtpConnections.key(
            new SmtpSettings("relay.internal", 587, Security.STARTTLS, null, null, null, null)),
        SmtpConnections.key(
            new SmtpSettings("relay.internal", 587, Security.STARTTLS, "null", null, null, null)));
  }
}
