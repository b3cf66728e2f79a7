package org.anchorwatch.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anchorwatch.blocklist.BlocklistEntry;
import org.anchorwatch.blocklist.Judge;
import org.anchorwatch.certs.CertInfo;

/**
 * Judges a chain: every element against blocklist and policy (8 entries are intermediates), the
 * most severe match winning; then an interception operator's name on an unknown key (suspected);
 * otherwise a non-built-in root is a notice. When the server did not
 * send its root, the anchor is looked up among this machine's stores by issuer name, so a probe
 * still learns which locally installed root vouches for the page.
 */
public final class ChainJudge {
  private ChainJudge() {}

  public static ChainVerdict judge(List<ChainElement> chain, Judge judge, StoreIndex index) {
    ChainElement root = anchor(chain, index);
    int best = -1;
    BlocklistEntry bestEntry = null;
    for (int i = 0; i < chain.size() + 1; i++) {
      ChainElement el = i < chain.size() ? chain.get(i) : (root == chain.get(chain.size() - 1) ? null : root);
      if (el == null) continue;
      // a sunset CA is judged by issuance date in browsers, not by key: its chain is not blocked here
      Optional<BlocklistEntry> hit = judge.match(el.spkiSha256(), el.sha256());
      if (hit.isPresent() && !hit.get().tier().blocks()) hit = Optional.empty();
      // ties go to the element nearest the root: that is the one to remove from a store
      if (hit.isPresent() && (bestEntry == null || hit.get().tier().compareTo(bestEntry.tier()) <= 0)) {
        best = i;
        bestEntry = hit.get();
      }
    }
    ChainVerdict.CertSummary rootSummary = summary(root, index);
    if (bestEntry != null) {
      ChainElement el = best < chain.size() ? chain.get(best) : root;
      return new ChainVerdict(Level.BLOCKED.wire(), "blocklisted", EntryView.of(bestEntry),
          // a match on the local anchor the server did not send has no chain position: -1, and `root` names it
          best < chain.size() ? best : -1,
          rootSummary, index.locate(el.spkiSha256(), el.sha256()));
    }
    Boolean builtIn = rootSummary.builtIn();
    if (!Boolean.TRUE.equals(builtIn) && !judge.allowed(root.spkiSha256(), root.sha256())) {
      Optional<ChainVerdict> suspected = suspected(chain, root, judge, index, rootSummary);
      if (suspected.isPresent()) return suspected.get();
    }
    if (builtIn == null) {
      return new ChainVerdict(Level.CLEAN.wire(), "unknown-root", null, -1, rootSummary, List.of());
    }
    if (builtIn) return new ChainVerdict(Level.CLEAN.wire(), "built-in-root", null, -1, rootSummary, List.of());
    List<Installed> where = index.locate(root.spkiSha256(), root.sha256());
    if (judge.allowed(root.spkiSha256(), root.sha256())) {
      return new ChainVerdict(Level.CLEAN.wire(), "policy-allowed", null, -1, rootSummary, where);
    }
    return new ChainVerdict(Level.NOTICE.wire(), "non-built-in-root", null, -1, rootSummary, where);
  }

  /**
   * An interception operator's name on a key no list has (its next re-key), anywhere in a chain
   * that does not end at a built-in or policy-allowed root: blocked like the entry it imitates. The
   * element nearest the root wins, as it is the one to remove from a store.
   */
  private static Optional<ChainVerdict> suspected(List<ChainElement> chain, ChainElement root, Judge judge, StoreIndex index,
      ChainVerdict.CertSummary rootSummary) {
    List<ChainElement> all = new ArrayList<>(chain);
    if (root != chain.get(chain.size() - 1)) all.add(root);
    for (int i = all.size() - 1; i >= 0; i--) {
      ChainElement el = all.get(i);
      Optional<BlocklistEntry> hit = judge.suspect(el.spkiSha256(), el.sha256(), el.subject());
      if (hit.isPresent()) {
        return Optional.of(new ChainVerdict(Level.BLOCKED.wire(), "suspected-by-name", EntryView.of(hit.get()),
            i < chain.size() ? i : -1, rootSummary, index.locate(el.spkiSha256(), el.sha256())));
      }
    }
    return Optional.empty();
  }

  /** The last element, or the store certificate that issued it when the server stopped short of the root. */
  private static ChainElement anchor(List<ChainElement> chain, StoreIndex index) {
    ChainElement last = chain.get(chain.size() - 1);
    boolean selfIssued = last.cert() != null ? last.cert().selfIssued() : last.subject() != null && last.subject().equals(last.issuer());
    if (selfIssued || last.issuer() == null) return last;
    CertInfo issuer = index.bySubject(last.issuer());
    return issuer == null ? last : ChainElement.of(issuer, null);
  }

  private static ChainVerdict.CertSummary summary(ChainElement root, StoreIndex index) {
    Boolean builtIn = root.builtIn();
    if (builtIn == null && root.sha256() != null) {
      if (index.isDistro(root.sha256())) builtIn = true;
      else if (!index.bySha256(root.sha256()).isEmpty() || !index.bySpki(root.spkiSha256()).isEmpty()) builtIn = false;
    }
    return new ChainVerdict.CertSummary(root.subject(), root.issuer(), root.sha256(), root.spkiSha256(), builtIn);
  }
}
