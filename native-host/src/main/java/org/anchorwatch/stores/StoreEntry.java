package org.anchorwatch.stores;

import java.util.Map;
import org.anchorwatch.certs.CertInfo;

/**
 * One certificate as a store holds it.
 *
 * @param location identifies it inside the store: a file path, "db#nickname" or "keystore#alias"
 * @param attributes native metadata for display and, later, for exact backup and restore
 *     (NSS nickname and trust string, keystore alias, anchor file mtime)
 */
public record StoreEntry(CertInfo cert, String location, Trust trust, Map<String, String> attributes) {}
