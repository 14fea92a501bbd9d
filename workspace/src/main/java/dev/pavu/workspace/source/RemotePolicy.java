package dev.pavu.workspace.source;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Which git URLs a source submitted by someone else (over HTTP) may name: {@code https://} and {@code http://} URLs of
 * hosts whose every address is public. Refused: other schemes ({@code file://}, {@code git://}, {@code ssh://}, local
 * paths), and hosts resolving to a loopback ({@code 127.0.0.0/8}, {@code ::1}), unspecified ({@code 0.0.0.0/8},
 * {@code ::}), private ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, {@code fc00::/7}), shared
 * ({@code 100.64/10}), link-local ({@code 169.254/16}, {@code fe80::/10}), multicast or reserved ({@code 240/4})
 * address, also when wrapped in IPv6 ({@code ::ffff:a.b.c.d}, {@code ::a.b.c.d}, {@code 64:ff9b::/96},
 * {@code 2002::/16}) — unless an allowlist entry names the host.
 *
 * <p>Allowlist entries: a host name as written in URLs ({@code git.internal}, case-insensitive; its addresses are then
 * not checked), an address ({@code 10.0.0.5}, {@code ::1}) or a CIDR block ({@code 10.1.0.0/16}). Every address a name
 * resolves to is checked (a name with one public and one private address is refused), and the check is repeated
 * for every HTTP connection the fetch opens, redirects included.
 */
public final class RemotePolicy {

    private static final Set<String> SCHEMES = Set.of("https", "http");

    private final List<String> hosts = new ArrayList<>();
    private final List<Cidr> blocks = new ArrayList<>();
    private final Function<String, InetAddress[]> resolver;

    private RemotePolicy(Collection<String> allowed, Function<String, InetAddress[]> resolver) {
        this.resolver = resolver;
        for (String raw : allowed == null ? List.<String>of() : allowed) {
            String entry = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            Cidr cidr = Cidr.parse(entry);
            if (cidr != null) {
                blocks.add(cidr);
            } else {
                hosts.add(entry.startsWith("[") && entry.endsWith("]") ? entry.substring(1, entry.length() - 1) : entry);
            }
        }
    }

    /**
     * @param allowedHosts host names, addresses or CIDR blocks allowed although not public; empty for none
     * @return a policy resolving names with the system resolver
     */
    public static RemotePolicy publicOnly(Collection<String> allowedHosts) {
        return new RemotePolicy(allowedHosts, host -> {
            try {
                return InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                return new InetAddress[0];
            }
        });
    }

    /** A policy with its own resolver (tests: names that resolve to chosen addresses). */
    static RemotePolicy withResolver(Collection<String> allowedHosts, Function<String, InetAddress[]> resolver) {
        return new RemotePolicy(allowedHosts, resolver);
    }

    /**
     * Checks a submitted URL: scheme, then host.
     *
     * @param url the URL as submitted
     * @return the URL, stripped
     * @throws SourceException saying what is refused and what to do; never naming the addresses a name resolved to
     */
    public String checkUrl(String url) {
        String u = url == null ? "" : url.strip();
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new SourceException("'" + u + "' is not a valid URL; give the https:// URL of a repository");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new SourceException(scheme.isEmpty()
                    ? "'" + u + "' is not a URL: paths on the planner's machine are not accepted; give the https:// URL of a "
                            + "repository, or upload your project as a git bundle (the pavu CLI does this for a local folder)"
                    : scheme + ":// URLs are not accepted; give the https:// URL of a repository, or upload a git bundle "
                            + "(the pavu CLI does this for a local folder)");
        }
        if (uri.getUserInfo() != null) {
            throw new SourceException("URLs with credentials are not accepted (Pavu clones public repositories only); "
                    + "remove the user name and password, or upload a git bundle");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new SourceException("'" + u + "' names no host; give a URL such as https://github.com/owner/repo.git");
        }
        checkHost(host);
        return u;
    }

    /**
     * Checks a host: allowed by name, or every address it resolves to is public or allowlisted.
     *
     * @param host a host name or address literal (IPv6 with or without brackets)
     * @throws SourceException when the host does not resolve or one of its addresses is not public
     */
    public void checkHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (hosts.contains(h)) {
            return;
        }
        InetAddress[] addresses = resolver.apply(h);
        if (addresses == null || addresses.length == 0) {
            throw new SourceException("host '" + h + "' cannot be resolved; check the URL");
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a) && blocks.stream().noneMatch(b -> b.contains(a))) {
                throw new SourceException("host '" + h + "' is not a public address (loopback, private, link-local or "
                        + "reserved networks are refused); give the URL of a public repository, upload a git bundle, or ask "
                        + "the operator to add the host to pavu.planner.sources.allowed-hosts");
            }
        }
    }

    /** {@return true when the address is routable on the public internet} */
    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int o0 = b[0] & 0xff;
            int o1 = b[1] & 0xff;
            return o0 != 0 && o0 != 127 && o0 < 224 // 0/8, loopback, multicast and 240/4 reserved, broadcast
                    && !(o0 == 100 && o1 >= 64 && o1 < 128) // 100.64/10 shared (carrier-grade NAT)
                    && !(o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 protocol assignments
                    && !(o0 == 198 && (o1 == 18 || o1 == 19)); // 198.18/15 benchmarking
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            InetAddress embedded = embeddedV4(b);
            return embedded == null || isPublic(embedded);
        }
        return false;
    }

    /** The IPv4 address inside an IPv4-compatible, IPv4-mapped, NAT64 or 6to4 IPv6 address, or {@code null}. */
    private static InetAddress embeddedV4(byte[] b) {
        try {
            boolean zero80 = true;
            for (int i = 0; i < 10; i++) {
                zero80 &= b[i] == 0;
            }
            if (zero80 && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}); // ::a.b.c.d, ::ffff:a.b.c.d
            }
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
            for (int i = 4; i < 12 && nat64; i++) {
                nat64 = b[i] == 0;
            }
            if (nat64) {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::a.b.c.d
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]}); // 2002:aabb:ccdd::/48
            }
            return null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address block {@code a.b.c.d/n} or {@code x::/n}; a bare address is a block of one. */
    private record Cidr(byte[] network, int bits) {

        static Cidr parse(String entry) {
            int slash = entry.indexOf('/');
            String addr = slash < 0 ? entry : entry.substring(0, slash);
            if (addr.startsWith("[") && addr.endsWith("]")) {
                addr = addr.substring(1, addr.length() - 1);
            }
            if (!addr.matches("[0-9.]+") && !(addr.contains(":") && addr.matches("[0-9a-f:.]+"))) {
                return null; // a host name
            }
            try {
                byte[] net = InetAddress.getByName(addr).getAddress(); // a literal: no lookup
                int bits = slash < 0 ? net.length * 8 : Integer.parseInt(entry.substring(slash + 1));
                if (bits < 0 || bits > net.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in allowed host '" + entry + "'");
                }
                return new Cidr(net, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("allowed host '" + entry + "' is neither a host name, an address nor a "
                        + "CIDR block such as 10.1.0.0/16", e);
            }
        }

        boolean contains(InetAddress a) {
            byte[] x = a.getAddress();
            if (x.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((x[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
