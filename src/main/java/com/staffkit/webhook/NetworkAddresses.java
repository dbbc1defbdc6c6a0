package com.staffkit.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses a webhook may not reach unless private networks are allowed: loopback, private,
 * link-local (cloud metadata at 169.254.169.254 among them), shared (carrier-grade NAT, Alibaba's
 * metadata), unspecified, multicast, reserved and documentation ranges, in IPv4 and IPv6, and IPv4
 * addresses carried inside IPv6 (mapped, compatible, NAT64, 6to4), checked as the IPv4 they carry.
 */
final class NetworkAddresses {

    private record Range(byte[] prefix, int bits) {

        static Range of(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                return new Range(
                        InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
                        Integer.parseInt(cidr.substring(slash + 1)));
            } catch (UnknownHostException impossible) {
                throw new IllegalArgumentException(cidr, impossible);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            if (!Arrays.equals(address, 0, full, prefix, 0, full)) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Range> NOT_PUBLIC_V4 = List.of(
            Range.of("0.0.0.0/8"), // "this network", unspecified
            Range.of("10.0.0.0/8"), // private
            Range.of("100.64.0.0/10"), // shared (carrier-grade NAT; 100.100.100.200 is Alibaba Cloud's metadata)
            Range.of("127.0.0.0/8"), // loopback
            Range.of("169.254.0.0/16"), // link-local (169.254.169.254: AWS, GCP, Azure metadata)
            Range.of("172.16.0.0/12"), // private
            Range.of("192.0.0.0/24"), // IETF protocol assignments (192.0.0.192: Oracle Cloud metadata)
            Range.of("192.0.2.0/24"), // documentation
            Range.of("192.88.99.0/24"), // 6to4 relay anycast
            Range.of("168.63.129.16/32"), // Azure's host services (DNS, metadata, health): public, yet internal
            Range.of("192.168.0.0/16"), // private
            Range.of("198.18.0.0/15"), // benchmarking
            Range.of("198.51.100.0/24"), // documentation
            Range.of("203.0.113.0/24"), // documentation
            Range.of("224.0.0.0/4"), // multicast
            Range.of("240.0.0.0/4")); // reserved, broadcast

    private static final List<Range> NOT_PUBLIC_V6 = List.of(
            Range.of("::/128"), // unspecified
            Range.of("::1/128"), // loopback
            Range.of("100::/64"), // discard
            Range.of("2001::/32"), // Teredo (tunnels to IPv4 hosts)
            Range.of("2001:db8::/32"), // documentation
            Range.of("fc00::/7"), // unique local (fd00:ec2::254: AWS metadata)
            Range.of("fe80::/10"), // link-local
            Range.of("fec0::/10"), // site-local (deprecated)
            Range.of("ff00::/8")); // multicast

    private static final Range V4_MAPPED = Range.of("::ffff:0:0/96");
    private static final Range V4_COMPATIBLE = Range.of("::/96");
    private static final Range NAT64 = Range.of("64:ff9b::/96");
    private static final Range NAT64_LOCAL = Range.of("64:ff9b:1::/48");
    private static final Range SIX_TO_FOUR = Range.of("2002::/16");

    private NetworkAddresses() {}

    /** True for an address on the public internet, that a webhook may reach. */
    static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(bytes);
        }
        if (!(address instanceof Inet6Address)) {
            return false;
        }
        if (NOT_PUBLIC_V6.stream().anyMatch(range -> range.contains(bytes)) || NAT64_LOCAL.contains(bytes)) {
            return false;
        }
        if (V4_MAPPED.contains(bytes) || V4_COMPATIBLE.contains(bytes) || NAT64.contains(bytes)) {
            return isPublicV4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return isPublicV4(Arrays.copyOfRange(bytes, 2, 6));
        }
        return true;
    }

    private static boolean isPublicV4(byte[] bytes) {
        return NOT_PUBLIC_V4.stream().noneMatch(range -> range.contains(bytes));
    }
}
