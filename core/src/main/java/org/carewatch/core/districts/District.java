package org.carewatch.core.districts;

/** A regulator's district: the scope of its officers, auditors and administrators. */
public record District(long id, String code, String name, String liveViewPolicy) {
}
