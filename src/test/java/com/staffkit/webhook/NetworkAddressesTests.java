package com.staffkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkAddressesTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.0.9",
                "0.0.0.0",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.10.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.100.100.200",
                "192.0.0.192",
                "168.63.129.16",
                "224.0.0.1",
                "255.255.255.255",
                "198.18.0.1",
                "::",
                "::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "::127.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "2002:7f00:1::",
                "2002:a00:1::",
                "fc00::1",
                "fd00:ec2::254",
                "fe80::1",
                "fec0::1",
                "ff02::1",
                "2001:db8::1",
                "2001::1",
                "100::1"
            })
    void refusesWhatIsNotOnThePublicInternet(String address) throws UnknownHostException {
        assertThat(NetworkAddresses.isPublic(InetAddress.getByName(address)))
                .as(address)
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "172.32.0.1",
                "100.128.0.1",
                "169.255.0.1",
                "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
                "2a00:1450:4001:82a::200e",
                "::ffff:8.8.8.8",
                "2002:808:808::",
                "64:ff9b::808:808"
            })
    void acceptsPublicAddresses(String address) throws UnknownHostException {
        assertThat(NetworkAddresses.isPublic(InetAddress.getByName(address)))
                .as(address)
                .isTrue();
    }
}
