package io.huddle.streaming.infrastructure.cluster;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionDevicesTest {

    @Test
    void connectionsAreCountedOnceAndTheirNamedDevicesListed() {
        ConnectionDevices devices = new ConnectionDevices();
        assertTrue(devices.isEmpty());
        devices.put("c1", "");
        devices.put("c2", "phone");
        devices.put("c3", "laptop");
        devices.put("c2", "tablet");
        assertEquals(3, devices.size(), "naming a connection's device again does not add a connection");
        assertEquals(Set.of("tablet", "laptop"), devices.devices(), "an unnamed device is not listed");
        assertTrue(devices.contains("c1"));
        assertFalse(devices.contains("c4"));
    }

    @Test
    void removingAConnectionKeepsTheOthersAndTheirDevices() {
        ConnectionDevices devices = new ConnectionDevices();
        devices.put("c1", "phone");
        devices.put("c2", "laptop");
        devices.put("c3", "tablet");
        devices.remove("c2");
        devices.remove("unknown");
        assertEquals(2, devices.size());
        assertEquals(Set.of("phone", "tablet"), devices.devices());
        assertFalse(devices.contains("c2"));
        devices.remove("c1");
        devices.remove("c3");
        assertTrue(devices.isEmpty());
        assertEquals(Set.of(), devices.devices());
    }
}
