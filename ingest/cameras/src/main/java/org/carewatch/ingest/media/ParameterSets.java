package org.carewatch.ingest.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The parameter sets a decoder needs before a keyframe: SPS and PPS, plus the VPS for H.265
 * ({@code vps} is null for H.264). Each is one NAL unit without a start code.
 */
public record ParameterSets(byte[] vps, byte[] sps, byte[] pps) {

    public ParameterSets {
        Objects.requireNonNull(sps, "sps");
        Objects.requireNonNull(pps, "pps");
        if (sps.length == 0 || pps.length == 0 || (vps != null && vps.length == 0)) {
            throw new IllegalArgumentException("empty parameter set");
        }
    }

    public static ParameterSets h264(byte[] sps, byte[] pps) {
        return new ParameterSets(null, sps, pps);
    }

    public static ParameterSets h265(byte[] vps, byte[] sps, byte[] pps) {
        return new ParameterSets(Objects.requireNonNull(vps, "vps"), sps, pps);
    }

    /** The NAL units in decoding order (VPS, SPS, PPS). */
    public List<byte[]> nalUnits() {
        List<byte[]> out = new ArrayList<>(3);
        if (vps != null) {
            out.add(vps);
        }
        out.add(sps);
        out.add(pps);
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSets p
                && Arrays.equals(vps, p.vps) && Arrays.equals(sps, p.sps) && Arrays.equals(pps, p.pps);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(vps) + Arrays.hashCode(sps)) + Arrays.hashCode(pps);
    }

    @Override
    public String toString() {
        return "ParameterSets[vps=" + (vps == null ? "none" : vps.length + "B")
                + ", sps=" + sps.length + "B, pps=" + pps.length + "B]";
    }
}
