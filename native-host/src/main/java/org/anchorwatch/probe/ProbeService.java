package org.anchorwatch.probe;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.anchorwatch.certs.CertInfo;
import org.anchorwatch.certs.CertParser;
import org.anchorwatch.errors.AnchorwatchException;
import org.anchorwatch.errors.ErrorCode;
import org.anchorwatch.scan.ChainElement;
import org.anchorwatch.scan.ChainJudge;
import org.anchorwatch.scan.ChainVerdict;
import org.anchorwatch.scan.Snapshot;

/**
 * Chromium's substitute for Firefox's getSecurityInfo: look at the chain a server presents and
 * judge it exactly as checkChain would. No cache here; the extension caches per origin.
 */
public final class ProbeService {
  /** Past timeoutMs the worker gets this much longer before the probe is abandoned. */
  static final long GRACE_MILLIS = 1000;

  /** Daemon workers: one stuck in a DNS lookup Java cannot cancel must not keep the host alive. */
  private static final ExecutorService WORKERS = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
    // not a lambda: every host initialises this class (stores.DirListing says why)
    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "anchorwatch-probe");
      t.setDaemon(true);
      return t;
    }
  });

  /** The live scan, read after the network part so a first scan still running overlaps it. */
  @FunctionalInterface
  public interface SnapshotSource {
    Snapshot get() throws AnchorwatchException;
  }

  private final Resolver resolver;

  public ProbeService() {
    this(Resolver.SYSTEM);
  }

  public ProbeService(Resolver resolver) {
    this.resolver = resolver;
  }

  public ProbeResult probe(ProbeTarget target, SnapshotSource snapshots) throws AnchorwatchException {
    return probe(target, ProbePath.DIRECT, snapshots);
  }

  public ProbeResult probe(ProbeTarget target, ProbePath path, SnapshotSource snapshots) throws AnchorwatchException {
    PresentedChain presented = fetch(target, path);
    List<CertInfo> certs = new ArrayList<>();
    for (int i = 0; i < presented.der().size(); i++) {
      try {
        certs.add(CertParser.parseDer(presented.der().get(i)));
      } catch (AnchorwatchException e) {
        throw new AnchorwatchException(e.code(), target.host() + ":" + target.port() + " sent certificate " + i + " that cannot be parsed: " + e.getMessage());
      }
    }
    Snapshot s = snapshots.get();
    // builtIn unknown: a probe has no browser flag, the judge decides from the distro stores.
    ChainVerdict verdict = ChainJudge.judge(certs.stream().map(c -> ChainElement.of(c, null)).toList(), s.judge(), s.result().index());
    return new ProbeResult(verdict, certs.stream().map(ProbeResult.PresentedCert::of).toList(),
        new ProbeResult.Tls(presented.protocol(), presented.cipherSuite()), target.host(), target.port());
  }

  public PresentedChain fetch(ProbeTarget target) throws AnchorwatchException {
    return fetch(target, ProbePath.DIRECT);
  }

  /**
   * The presented chain, or PROBE_REFUSED / PROBE_PROXY / PROBE_DNS / PROBE_FAILED / PROBE_TIMEOUT;
   * never later than timeoutMs + 1 s.
   */
  public PresentedChain fetch(ProbeTarget target, ProbePath path) throws AnchorwatchException {
    AddressPolicy.checkPort(target.port());
    AtomicReference<Socket> open = new AtomicReference<>();
    Future<PresentedChain> job = WORKERS.submit(() -> new TlsHandshake(target, path, resolver, open).run());
    try {
      return job.get(target.timeoutMs() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      job.cancel(true);
      Socket s = open.get();
      try {
        if (s != null) s.close(); // unblocks a connect or handshake still in progress
      } catch (java.io.IOException ignored) {
        // abandoning anyway
      }
      throw new AnchorwatchException(ErrorCode.PROBE_TIMEOUT,
          target.host() + ":" + target.port() + ": no answer within " + target.timeoutMs() + " ms (name resolution or connection hung)");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof AnchorwatchException ae) throw ae;
      if (c instanceof RuntimeException re) throw re;
      throw new IllegalStateException("probe failed unexpectedly", c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      job.cancel(true);
      throw new AnchorwatchException(ErrorCode.INTERNAL, "interrupted while probing " + target.host());
    }
  }
}
