package org.anchorwatch.stores.nss;

/**
 * One certificate of the internal token, copied out of NSS memory so it outlives the session.
 *
 * @param nickname the per-token nickname, null if NSS has none
 * @param der the certificate's DER, null if NSS could not produce it
 * @param trust null when the cert has no trust object at all
 */
record NssCert(String nickname, byte[] der, NssTrust trust) {}
