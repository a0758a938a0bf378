package dev.ecskms.sim.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab files a trainer writes: the four shipped ones parse, and a malformed one is refused naming the line. */
class LabParserTest {
    private static final String GOOD = """
            # a comment
            title: Verify a disabled key
            summary: First line.
            summary: Second line.

            step: Make an instance
            hint: Instances → Create Instance.
            check: instance-created encryption=cmk
            step: Disable its key
            check: key-disabled
            """;

    @Test
    void theFourShippedLabsParse() {
        Map<String, String> files = LabCatalog.builtInFiles();
        assertEquals(Set.of("faq-verification.lab", "encrypt-existing-data-disk.lab",
                "restrict-ram-user-to-encrypted-disks.lab", "bulk-encrypt-system-disks-with-oos.lab"), files.keySet());
        for (Map.Entry<String, String> file : files.entrySet()) {
            Lab lab = LabParser.parse(file.getKey(), LabCatalog.BUILT_IN, file.getValue());
            assertFalse(lab.title().isBlank(), file.getKey());
            assertFalse(lab.steps().isEmpty(), file.getKey());
            lab.steps().forEach(s -> assertFalse(s.hint().isBlank(), file.getKey() + " step " + s.number()));
        }
        List<LabService.LabEntry> entries = new LabCatalog(null).load();
        assertEquals(4, entries.size());
        assertTrue(entries.stream().allMatch(LabService.LabEntry::ok));
    }

    @Test
    void aGoodFileGivesTitleSummaryStepsHintsAndChecks() {
        Lab lab = LabParser.parse("faq.lab", "built-in", GOOD);
        assertEquals("faq", lab.id());
        assertEquals("Verify a disabled key", lab.title());
        assertEquals("First line. Second line.", lab.summary());
        assertEquals(2, lab.steps().size());
        Lab.Step first = lab.steps().get(0);
        assertEquals("Make an instance", first.title());
        assertEquals("Instances → Create Instance.", first.hint());
        assertEquals("instance-created", first.checks().get(0).name());
        assertEquals(Map.of("encryption", "cmk"), first.checks().get(0).params());
        assertEquals(8, first.checks().get(0).line());
        assertEquals("", lab.steps().get(1).hint());
    }

    @Test
    void quotedValuesKeepTheirSpaces() {
        Lab lab = LabParser.parse("q.lab", "built-in",
                "title: T\nstep: S\ncheck: guest-file path=\"/data/my notes.txt\"\n");
        assertEquals("/data/my notes.txt", lab.steps().get(0).checks().get(0).params().get("path"));
    }

    private static LabFileException refused(String text) {
        return assertThrows(LabFileException.class, () -> LabParser.parse("faq.lab", "built-in", text));
    }

    @Test
    void anUnknownDirectiveIsNamedWithItsLine() {
        LabFileException e = refused("title: T\nstep: S\nstpe: typo\ncheck: key-disabled\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("faq.lab line 3: unknown directive 'stpe:'"), e.getMessage());
        assertTrue(e.getMessage().contains("title, summary, step, hint, check"), e.getMessage());
    }

    @Test
    void anUnknownCheckListsTheKnownOnes() {
        LabFileException e = refused("title: T\n\n# c\nstep: S\nhint: h\n\ncheck: disk-encryptd encrypted=true\n");
        assertEquals(7, e.line());
        assertTrue(e.getMessage().startsWith("faq.lab line 7: unknown check 'disk-encryptd' — known checks: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("disk-created") && e.getMessage().contains("key-disabled"),
                e.getMessage());
    }

    @Test
    void aMissingTitleIsRefused() {
        LabFileException e = refused("# no title\nstep: S\ncheck: key-disabled\n");
        assertTrue(e.getMessage().startsWith("faq.lab line 1: the lab has no 'title:' line"), e.getMessage());
    }

    @Test
    void badKeyValuesAreNamed() {
        LabFileException bare = refused("title: T\nstep: S\ncheck: disk-created encrypted\n");
        assertEquals("faq.lab line 3: 'encrypted' is not key=value (e.g. encrypted=true) — check 'disk-created'"
                + " takes: encrypted=, type=, attached=, from=, by=, as=", bare.getMessage());
        LabFileException empty = refused("title: T\nstep: S\ncheck: disk-created encrypted=\n");
        assertEquals(3, empty.line());
        LabFileException unknown = refused("title: T\nstep: S\ncheck: key-disabled colour=red\n");
        assertTrue(unknown.getMessage().startsWith("faq.lab line 3: check 'key-disabled' has no parameter"
                + " 'colour'"), unknown.getMessage());
        LabFileException value = refused("title: T\nstep: S\ncheck: disk-created encrypted=yes\n");
        assertEquals("faq.lab line 3: 'yes' is not a value of encrypted= — one of: any, false, true",
                value.getMessage());
        LabFileException count = refused("title: T\nstep: S\ncheck: instances-created count=two\n");
        assertTrue(count.getMessage().contains("count= takes a whole number"), count.getMessage());
        LabFileException twice = refused("title: T\nstep: S\ncheck: disk-created type=data type=system\n");
        assertTrue(twice.getMessage().contains("'type' is given twice"), twice.getMessage());
        LabFileException quote = refused("title: T\nstep: S\ncheck: guest-file path=\"/a b\n");
        assertTrue(quote.getMessage().contains("not closed"), quote.getMessage());
    }

    @Test
    void structureProblemsNameTheLine() {
        assertEquals(2, refused("title: T\nhint: before any step\n").line());
        assertEquals(2, refused("title: T\ncheck: key-disabled\n").line());
        LabFileException noCheck = refused("title: T\nstep: S\nhint: h\nstep: S2\ncheck: key-disabled\n");
        assertTrue(noCheck.getMessage().startsWith("faq.lab line 2: step 1 ('S') has no 'check:'"),
                noCheck.getMessage());
        assertTrue(refused("title: T\n").getMessage().contains("no 'step:'"));
        assertEquals(3, refused("title: T\nstep: S\ntitle: again\ncheck: key-disabled\n").line());
        assertEquals(2, refused("title: T\njust words\n").line());
        assertEquals(3, refused("title: T\nstep: S\ncheck: guest-file\n").line(), "path= is required");
    }

    @Test
    void aTrainersFolderAddsLabsAndShowsBrokenOnesWithTheirError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("my-lab.lab"), "title: Mine\nstep: S\ncheck: key-created\n");
        Files.writeString(dir.resolve("broken.lab"), "title: Broken\nstep: S\ncheck: nope\n");
        Files.writeString(dir.resolve("notes.txt"), "not a lab");
        List<LabService.LabEntry> entries = new LabCatalog(dir).load();
        assertEquals(6, entries.size());
        LabService.LabEntry mine = entries.stream().filter(e -> e.id().equals("my-lab")).findFirst().orElseThrow();
        assertEquals("Mine", mine.title());
        assertEquals(dir.toString(), mine.origin());
        LabService.LabEntry broken = entries.stream().filter(e -> e.id().equals("broken")).findFirst().orElseThrow();
        assertFalse(broken.ok());
        assertTrue(broken.error().getMessage().startsWith("broken.lab line 3: unknown check 'nope'"));
    }
}
