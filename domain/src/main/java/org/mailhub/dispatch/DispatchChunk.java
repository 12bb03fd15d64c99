package org.mailhub.dispatch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Recipients of a campaign waiting together to be sent, carried by one dispatch JMS message. The
 * chunk, not each recipient, is claimed before the provider calls: the claim names the node and the
 * server start that hold it and the order of its provider calls, so that after a crash exactly the
 * call that was in flight can be told from those that ended (they have send records) and those that
 * never started. A chunk only ever holds recipients that no provider call has carried yet.
 */
@Entity
@Table(
    name = "dispatch_chunk",
    indexes = {
      @Index(name = "dispatch_chunk_campaign_state", columnList = "campaign_id, state"),
      @Index(name = "dispatch_chunk_state_node", columnList = "state, claim_node")
    })
public class DispatchChunk {

  /** Where a chunk stands. */
  public enum State {
    /** Waiting for a dispatch. */
    QUEUED,
    /** A dispatch of one node and server start is calling the provider for it. */
    CLAIMED,
    /** Every recipient has its send record, or moved to a retry chunk. */
    DONE;

    /** Stored by name. */
    @jakarta.persistence.Converter(autoApply = true)
    public static class Column extends org.mailhub.infrastructure.EnumColumn<State> {
      public Column() {
        super(State.class);
      }
    }
  }

  /** After a stop: who was in the call in flight, and who was never handed to the provider. */
  public record Stranded(List<Recipient> inDoubt, List<Recipient> notStarted) {}

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dispatch_chunk_seq")
  @SequenceGenerator(
      name = "dispatch_chunk_seq",
      sequenceName = "dispatch_chunk_seq",
      allocationSize = 50)
  private Long id;

  @Column(name = "campaign_id", nullable = false, updatable = false)
  private long campaignId;

  /** The attempt its recipients are on: 1, then one more for each retry chunk. */
  @Column(nullable = false, updatable = false)
  private int attempt;

  @Column(nullable = false, length = 8)
  private State state;

  /** One recipient a line: profile id, meta, address. */
  @Column(nullable = false, length = 1_000_000)
  private String recipients;

  @Column(nullable = false)
  private int size;

  @Column(name = "claim_node", length = 200)
  private String claimNode;

  @Column(name = "claim_boot")
  private Long claimBoot;

  @Column(name = "claimed_at")
  private Instant claimedAt;

  /**
   * The provider the claim's calls go to: the campaign's, or the backup it failed over to. Null in
   * chunks claimed by versions without failover.
   */
  @Column(name = "claim_provider_id")
  private Long claimProviderId;

  /** How many times the chunk was claimed: the number of the claim that holds it now. */
  @Column(nullable = false)
  private int claims;

  /** The claim's provider calls in order: positions in {@link #recipients}, calls split by ';'. */
  @Column(length = 20_000)
  private String calls;

  /**
   * Calls before this one ended without send records (their recipients moved to a retry chunk);
   * they are neither in flight nor unstarted after a stop.
   */
  @Column(name = "settled_calls", nullable = false)
  private int settledCalls;

  /** Recipients that moved to retry chunks meanwhile, so that counts do not see them twice. */
  @Column(nullable = false)
  private int moved;

  /** Why the recipients of a retry chunk are tried again. */
  @Column(length = 1000)
  private String error;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected DispatchChunk() {}

  public DispatchChunk(long campaignId, List<Recipient> recipients, int attempt, String error) {
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a chunk has recipients");
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts start at 1");
    }
    this.campaignId = campaignId;
    this.attempt = attempt;
    this.state = State.QUEUED;
    this.recipients = encode(recipients);
    this.size = recipients.size();
    this.error = Texts.abbreviate(error, Texts.MAX_ERROR);
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  /**
   * Claims the chunk for one node's server start with the provider its calls go to and their order
   * (positions in {@link #recipients()}, each exactly once).
   */
  public void claim(
      String node, long boot, long providerId, List<List<Integer>> order, Instant now) {
    if (state != State.QUEUED) {
      throw new IllegalStateException("chunk " + id + " is " + state + ", not QUEUED");
    }
    List<Integer> positions = order.stream().flatMap(List::stream).sorted().toList();
    for (int i = 0; i < positions.size(); i++) {
      if (positions.size() != size || positions.get(i) != i) {
        throw new IllegalArgumentException("the calls must carry each recipient once");
      }
    }
    if (positions.size() != size) {
      throw new IllegalArgumentException("the calls must carry each recipient once");
    }
    this.state = State.CLAIMED;
    this.claims++;
    this.claimNode = Objects.requireNonNull(node);
    this.claimBoot = boot;
    this.claimedAt = now;
    this.claimProviderId = providerId;
    this.calls = encodeCalls(order);
    this.settledCalls = 0;
    this.moved = 0;
    this.updatedAt = now;
  }

  /** The call at {@code index} ended without records: its recipients went to a retry chunk. */
  public void movedToRetry(int index, int recipients) {
    requireClaimed();
    this.settledCalls = Math.max(settledCalls, index + 1);
    this.moved += recipients;
    this.updatedAt = Instant.now();
  }

  /**
   * Back to the queue with only these recipients, none of which a provider call has carried (a
   * graceful stop, an open breaker, or what a stop left unstarted); done when there are none.
   */
  public void release(List<Recipient> notStarted) {
    requireClaimed();
    if (notStarted.isEmpty()) {
      done();
      return;
    }
    this.state = State.QUEUED;
    this.recipients = encode(notStarted);
    this.size = notStarted.size();
    this.claimNode = null;
    this.claimBoot = null;
    this.claimedAt = null;
    this.claimProviderId = null;
    this.calls = null;
    this.settledCalls = 0;
    this.moved = 0;
    this.updatedAt = Instant.now();
  }

  /** Notes that the chunk was looked after (its message sent again). */
  public void touch() {
    this.updatedAt = Instant.now();
  }

  /** Every recipient has its record or moved on; the list is no longer needed. */
  public void done() {
    this.state = State.DONE;
    this.recipients = "";
    this.calls = null;
    this.updatedAt = Instant.now();
  }

  /**
   * What a stop in the middle of the claim left: the recipients of the first call that has no
   * records (it may have reached the provider) and those of the later calls (they never started).
   *
   * @param recorded the profiles of this chunk that have send records
   */
  public Stranded stranded(Set<Long> recorded) {
    requireClaimed();
    List<Recipient> all = recipients();
    List<Recipient> inDoubt = new ArrayList<>();
    List<Recipient> notStarted = new ArrayList<>();
    List<List<Integer>> order = calls();
    boolean inFlightFound = false;
    for (int call = settledCalls; call < order.size(); call++) {
      List<Recipient> open =
          order.get(call).stream()
              .map(all::get)
              .filter(r -> !recorded.contains(r.profileId()))
              .toList();
      if (open.isEmpty()) {
        continue;
      }
      // calls run one after the other and each one's records commit before the next starts:
      // the first call without records is the one that was in flight
      if (!inFlightFound) {
        inFlightFound = true;
        inDoubt.addAll(open);
      } else {
        notStarted.addAll(open);
      }
    }
    return new Stranded(inDoubt, notStarted);
  }

  /**
   * The recipients of the claim whose provider call has not ended yet, in list order: without a
   * send record, and not in a call before {@link #settledCalls} (those calls are over: their
   * recipients have records or moved to a retry chunk, which lists them again).
   *
   * @param recorded the profiles of this chunk that have send records
   */
  public List<Recipient> unsent(Set<Long> recorded) {
    requireClaimed();
    List<Recipient> all = recipients();
    boolean[] over = new boolean[all.size()];
    List<List<Integer>> order = calls();
    for (int call = 0; call < Math.min(settledCalls, order.size()); call++) {
      order.get(call).forEach(position -> over[position] = true);
    }
    List<Recipient> unsent = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (!over[i] && !recorded.contains(all.get(i).profileId())) {
        unsent.add(all.get(i));
      }
    }
    return unsent;
  }

  /**
   * Whether this claim still holds the chunk: a dispatch whose claim was settled meanwhile (by the
   * recovery of stale claims) must write nothing more.
   */
  public boolean isHeldBy(int claim) {
    return state == State.CLAIMED && claims == claim;
  }

  public boolean isClaimedBy(String node, long boot) {
    return state == State.CLAIMED && node.equals(claimNode) && claimBoot == boot;
  }

  private void requireClaimed() {
    if (state != State.CLAIMED) {
      throw new IllegalStateException("chunk " + id + " is " + state + ", not CLAIMED");
    }
  }

  public List<Recipient> recipients() {
    List<Recipient> list = new ArrayList<>(size);
    if (recipients.isEmpty()) {
      return list;
    }
    for (String line : recipients.split("\n")) {
      int first = line.indexOf(' ');
      int second = line.indexOf(' ', first + 1);
      list.add(
          new Recipient(
              Long.parseLong(line.substring(0, first)),
              unescape(line.substring(second + 1)),
              line.substring(first + 1, second)));
    }
    return list;
  }

  public List<List<Integer>> calls() {
    List<List<Integer>> order = new ArrayList<>();
    if (calls == null || calls.isEmpty()) {
      return order;
    }
    for (String call : calls.split(";")) {
      order.add(Arrays.stream(call.split(",")).map(Integer::valueOf).toList());
    }
    return order;
  }

  private static String encode(List<Recipient> recipients) {
    StringBuilder text = new StringBuilder(recipients.size() * 64);
    Set<String> metas = new HashSet<>();
    for (Recipient r : recipients) {
      if (!metas.add(r.meta()) || r.meta().contains(" ") || r.meta().contains("\n")) {
        throw new IllegalArgumentException("meta values are unique words: " + r.meta());
      }
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(r.profileId()).append(' ').append(r.meta()).append(' ').append(escape(r.email()));
    }
    return text.toString();
  }

  private static String encodeCalls(List<List<Integer>> order) {
    StringBuilder text = new StringBuilder();
    for (List<Integer> call : order) {
      if (!text.isEmpty()) {
        text.append(';');
      }
      for (int i = 0; i < call.size(); i++) {
        text.append(i == 0 ? "" : ",").append(call.get(i));
      }
    }
    return text.toString();
  }

  private static String escape(String email) {
    return email.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  public Long id() {
    return id;
  }

  public long campaignId() {
    return campaignId;
  }

  public int attempt() {
    return attempt;
  }

  public State state() {
    return state;
  }

  public int size() {
    return size;
  }

  public int moved() {
    return moved;
  }

  public String error() {
    return error;
  }

  public String claimNode() {
    return claimNode;
  }

  public Long claimBoot() {
    return claimBoot;
  }

  public int claims() {
    return claims;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public Instant claimedAt() {
    return claimedAt;
  }

  /** The provider the claim's calls go to; null when not claimed (or claimed by an old version). */
  public Long claimProviderId() {
    return claimProviderId;
  }
}
