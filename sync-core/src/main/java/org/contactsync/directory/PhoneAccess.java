package org.contactsync.directory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Optional access control for the phone feed ({@code contactsync.directory.allowed-networks},
 * {@code contactsync.directory.allowed-devices}): a request is allowed when its address is in one of the
 * networks or its {@code x-CiscoIPPhoneDeviceName} is one of the devices. With neither configured it is off and
 * everything is allowed (the default: phones cannot log in).
 */
public final class PhoneAccess {
    private final List<Network> networks;
    private final Set<String> devices;

    private PhoneAccess(List<Network> networks, Set<String> devices) {
        this.networks = networks;
        this.devices = devices;
    }

    /** Off: everything allowed. */
    public static PhoneAccess open() {
        return new PhoneAccess(List.of(), Set.of());
    }

    /**
     * Reads the settings: comma-separated CIDR networks ("10.1.0.0/16, 2001:db8::/32, 192.168.1.20") and device
     * names ("SEP001122334455"). Blank means none of that kind.
     *
     * @throws IllegalArgumentException naming the setting and the bad entry
     */
    public static PhoneAccess parse(String networks, String devices) {
        List<Network> nets = new ArrayList<>();
        if (networks != null) {
            for (String n : networks.split(",")) {
                if (!n.isBlank()) {
                    nets.add(Network.parse(n.strip()));
                }
            }
        }
        Set<String> devs = devices == null ? Set.of() : List.of(devices.split(",")).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        return new PhoneAccess(List.copyOf(nets), devs);
    }

    /** Whether any restriction is configured. */
    public boolean enabled() {
        return !networks.isEmpty() || !devices.isEmpty();
    }

    /**
     * Whether a request may read the directory.
     *
     * @param remoteAddress the client's IP address as text, or null when unknown
     * @param deviceName    its {@code x-CiscoIPPhoneDeviceName} header, or null
     */
    public boolean allows(String remoteAddress, String deviceName) {
        if (!enabled()) {
            return true;
        }
        if (deviceName != null && devices.contains(deviceName.strip().toUpperCase(Locale.ROOT))) {
            return true;
        }
        byte[] address = literal(remoteAddress);
        if (address != null) {
            for (Network n : networks) {
                if (n.contains(address)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The bytes of an IP literal; null for anything else (never a DNS look-up). */
    private static byte[] literal(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (!a.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Network(byte[] base, int prefix) {
        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            byte[] base = literal(slash < 0 ? cidr : cidr.substring(0, slash));
            int prefix;
            try {
                prefix = slash < 0 ? (base == null ? -1 : base.length * 8) : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (base == null || prefix < 0 || prefix > base.length * 8) {
                throw new IllegalArgumentException("contactsync.directory.allowed-networks: \"" + cidr + "\" is not "
                        + "a network; write it as an address with a prefix length, like 10.1.0.0/16 or 2001:db8::/32");
            }
            return new Network(base, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != base.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != base[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (base[full] & mask);
        }
    }
}
