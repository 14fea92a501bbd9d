package dev.pavu.cli.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SseTest {

    @Test
    void readsEventsFieldsCommentsAndMultiLineData() {
        // the last event id is kept until a new one comes (WHATWG "last event ID buffer")
        List<SseEvent> got = new ArrayList<>();
        PlannerClient.readSse(List.of(": hello", "", "id: 7", "event: verdict", "data: {\"a\":", "data: 1}", "",
                "data:plain", "retry: 1000", "").iterator(), got::add);
        assertEquals(List.of(new SseEvent("7", "verdict", "{\"a\":\n1}"), new SseEvent("7", "message", "plain")), got);
    }

    @Test
    void stopsWhenTheConsumerSaysSo() {
        List<SseEvent> got = new ArrayList<>();
        PlannerClient.readSse(List.of("data: 1", "", "data: 2", "").iterator(), e -> got.add(e) && false);
        assertEquals(1, got.size());
    }

    @Test
    void tellsUrlsFromFolders() {
        org.junit.jupiter.api.Assertions.assertTrue(JobSubmission.isUrl("https://example.org/a.git"));
        org.junit.jupiter.api.Assertions.assertTrue(JobSubmission.isUrl("git@github.com:acme/lib.git"));
        org.junit.jupiter.api.Assertions.assertTrue(JobSubmission.isUrl("file:///srv/git/lib.git"));
        org.junit.jupiter.api.Assertions.assertFalse(JobSubmission.isUrl("../my-lib"));
        org.junit.jupiter.api.Assertions.assertFalse(JobSubmission.isUrl("/home/me/src/lib"));
        org.junit.jupiter.api.Assertions.assertFalse(JobSubmission.isUrl("C:\\src\\lib"));
    }
}
