/**
 * RTP (RFC 3550) packets and the H.264 (RFC 6184) / H.265 (RFC 7798) payload formats: depacketizers that
 * turn a camera's packets into decodable access units, and packetizers used by the camera simulator.
 */
package org.carewatch.ingest.rtp;
