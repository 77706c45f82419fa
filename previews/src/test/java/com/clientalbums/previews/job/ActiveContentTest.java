package com.clientalbums.previews.job;

import com.clientalbums.previews.render.TestImages;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActiveContentTest {
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code prefix}, then filler up to a typical head. */
    private static byte[] head(byte[] prefix) {
        byte[] head = Arrays.copyOf(prefix, Math.max(prefix.length, ActiveContent.HEAD_BYTES));
        Arrays.fill(head, prefix.length, head.length, (byte) 0x11);
        return head;
    }

    @Test
    void markupScriptsAndExecutablesAreActiveContentWhateverTheirCaseEncodingOrLeadingBlanks() {
        byte[] utf16 = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_16LE);
        byte[] pe = head(ascii("MZ"));
        ByteBuffer.wrap(pe).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0x3C, 0x80);
        System.arraycopy(ascii("PE\0\0"), 0, pe, 0x80, 4);
        Map<String, byte[]> active = Map.ofEntries(
                Map.entry("svg", ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")),
                Map.entry("svg after an XML declaration", ascii("<?xml version=\"1.0\"?>\n<svg/>")),
                Map.entry("html", ascii("<!DOCTYPE html><html><body onload=alert(1)>")),
                Map.entry("html in capitals after blank lines", ascii("\r\n\n   \t<HTML>\n<SCRIPT>alert(1)</SCRIPT>")),
                Map.entry("a bare script tag", ascii("<script>alert(1)</script>")),
                Map.entry("an html comment", ascii("<!-- saved from the web --><p>x")),
                Map.entry("UTF-8 with a byte order mark", ascii("\u00ef\u00bb\u00bf<svg/>")),
                Map.entry("UTF-16 with a byte order mark", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, utf16)),
                Map.entry("an XMP sidecar", ascii("<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta>")),
                Map.entry("a shell script", ascii("#!/bin/sh\nrm -rf ~\n")),
                Map.entry("an ELF executable", head(ascii("\u007fELF\u0002\u0001\u0001"))),
                Map.entry("a Windows executable", pe));
        assertAll(active.entrySet().stream().map(e -> () -> assertTrue(ActiveContent.in(e.getValue()).isPresent(), e.getKey())));
        assertEquals(Optional.of("SVG, HTML or XML markup (<svg>)"), ActiveContent.in(active.get("svg")));
    }

    @Test
    void photosRawVideoAndPdfAreNeverActiveContentEvenWhenMarkupFollowsTheirSignature() {
        byte[] m2ts = head(ascii("<a  "));
        m2ts[4] = 0x47;
        m2ts[196] = 0x47; // 4-byte time codes, then 192-byte packets: its first byte can be anything, '<' too
        Map<String, byte[]> media = Map.ofEntries(
                Map.entry("jpeg", TestImages.jpeg(TestImages.stored(1, 40, 30))),
                Map.entry("png", TestImages.png(TestImages.stored(1, 40, 30))),
                Map.entry("gif", head(ascii("GIF89a<svg>"))),
                Map.entry("webp", head(ascii("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))),
                Map.entry("tiff, DNG, CR2, NEF, ARW", head(ascii("II*\u0000\u0008\u0000\u0000\u0000<html>"))),
                Map.entry("big-endian tiff", head(ascii("MM\u0000*\u0000\u0000\u0000\u0008"))),
                Map.entry("orf", head(ascii("IIRO\u0008\u0000"))),
                Map.entry("rw2", head(ascii("IIU\u0000\u0018\u0000"))),
                Map.entry("raf", head(ascii("FUJIFILMCCD-RAW 0201"))),
                Map.entry("cr3", head(ascii("\u0000\u0000\u0000\u0018ftypcrx \u0000\u0000\u0000\u0001"))),
                Map.entry("heic", head(ascii("\u0000\u0000\u0000\u0018ftypheic"))),
                Map.entry("mov", head(ascii("\u0000\u0000\u0000\u0014ftypqt  "))),
                Map.entry("older mov", head(ascii("\u0000\u0000\u0000\u0008wide"))),
                Map.entry("mkv", head(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3})),
                Map.entry("pdf", ascii("%PDF-1.7\n<html>")),
                Map.entry("m2ts", m2ts));
        assertAll(media.entrySet().stream().map(e -> () -> assertEquals(Optional.empty(), ActiveContent.in(e.getValue()), e.getKey())));
    }

    @Test
    void bytesNothingRecognisesAreKeptLikeAnUnknownRawVariant() {
        Random random = new Random(12);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[ActiveContent.HEAD_BYTES];
            random.nextBytes(bytes);
            assertEquals(Optional.empty(), ActiveContent.in(bytes), Arrays.toString(Arrays.copyOf(bytes, 8)));
        }
        for (String text : List.of("", "hello", "not a photo", "<", "<3 you", "<html", "<abbr title=x>", "< svg>", "MZ")) {
            assertEquals(Optional.empty(), ActiveContent.in(ascii(text)), text);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
