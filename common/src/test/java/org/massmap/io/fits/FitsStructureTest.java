package org.massmap.io.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.io.MassmapIoException;
import org.massmap.io.RandomAccessInput;
import org.massmap.io.SkyMap;

/** The one FITS structure scanner, on files written by the project's own writer and cut or padded by hand. */
class FitsStructureTest {
    @TempDir
    Path dir;

    /** Two 40×30 float images: each HDU is one header block and 4,800 data bytes padded to two blocks. */
    private byte[] twoMaps() throws Exception {
        Path file = dir.resolve("two.fits");
        FitsMaps.write(file, FitsTestData.PROVENANCE, List.of(
                new MapHdu(new SkyMap("FIRST", "", FitsTestData.grid(40, 30), FitsTestData.ramp(1200, 0)), FitsKeywords.empty()),
                new MapHdu(new SkyMap("SECOND", "", FitsTestData.grid(40, 30), FitsTestData.ramp(1200, 1)), FitsKeywords.empty())));
        return Files.readAllBytes(file);
    }

    private static RandomAccessInput memory(byte[] bytes) {
        return new RandomAccessInput() {
            @Override
            public int read(long position, byte[] buffer, int offset, int length) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(length, bytes.length - position);
                System.arraycopy(bytes, (int) position, buffer, offset, n);
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    private static String failure(byte[] bytes) {
        return assertThrows(FitsStructureException.class, () -> FitsStructure.all(memory(bytes), bytes.length)).getMessage();
    }

    @Test
    void walksEveryHduWithItsOffsetsAndNames() throws Exception {
        byte[] file = twoMaps();
        List<FitsStructure.Hdu> hdus = FitsStructure.all(memory(file), file.length);
        assertEquals(2, hdus.size());
        FitsStructure.Hdu first = hdus.get(0);
        FitsStructure.Hdu second = hdus.get(1);
        assertEquals("PRIMARY", first.xtension());
        assertEquals("IMAGE", second.xtension());
        assertEquals("SECOND", second.extname());
        assertEquals(40 * 30 * 4, first.dataBytes());
        assertEquals(0, first.dataStart() % FitsStructure.BLOCK);
        assertEquals(first.end(), second.headerStart(), "the next header starts after the padded data");
        assertEquals(file.length, second.end(), "the file ends with the last HDU's padding");
    }

    @Test
    void aMissingFinalPaddingIsAccepted() throws Exception {
        byte[] file = twoMaps();
        FitsStructure.Hdu last = FitsStructure.all(memory(file), file.length).get(1);
        byte[] unpadded = Arrays.copyOf(file, (int) (last.dataStart() + last.dataBytes()));
        assertEquals(2, FitsStructure.all(memory(unpadded), unpadded.length).size());
    }

    @Test
    void aScanStopsWhereTheCallerStops() throws Exception {
        byte[] file = twoMaps();
        byte[] cutInSecond = Arrays.copyOf(file, file.length - 1000);
        FitsStructure scan = FitsStructure.scan(memory(cutInSecond), cutInSecond.length);
        assertEquals(0, scan.next().index(), "the first HDU is whole: a reader that needs only it gets it");
        assertThrows(FitsStructureException.class, scan::next);
        FitsStructure whole = FitsStructure.scan(memory(file), file.length);
        whole.next();
        whole.next();
        assertNull(whole.next());
    }

    @Test
    void damagedFilesAreNamedByWhatIsWrong() throws Exception {
        byte[] file = twoMaps();
        assertTrue(failure(new byte[0]).startsWith("not a FITS file: the file is empty"));
        byte[] text = "ra,dec,e1,e2\n1,2,3,4\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(failure(text).startsWith("not a FITS file: it does not start with the card 'SIMPLE  = T'"), failure(text));

        String header0 = failure(Arrays.copyOf(file, 400));
        assertTrue(header0.contains("ends inside the header of HDU 0"), header0);

        long secondHeader = FitsStructure.all(memory(file), file.length).get(1).headerStart();
        String inData0 = failure(Arrays.copyOf(file, FitsStructure.BLOCK + 1000));
        assertTrue(inData0.startsWith("truncated FITS: HDU 0 'FIRST' is truncated"), inData0);
        String inHeader1 = failure(Arrays.copyOf(file, (int) secondHeader + 400));
        assertTrue(inHeader1.contains("ends inside the header of HDU 1") && inHeader1.contains("400 bytes follow the last complete HDU"),
                inHeader1);
        String inData1 = failure(Arrays.copyOf(file, (int) secondHeader + FitsStructure.BLOCK + 100));
        assertTrue(inData1.startsWith("truncated FITS: HDU 1 'SECOND' is truncated"), inData1);

        byte[] garbage = Arrays.copyOf(file, file.length + FitsStructure.BLOCK);
        Arrays.fill(garbage, file.length, garbage.length, (byte) 'x');
        String trailing = failure(garbage);
        assertTrue(trailing.contains("ends inside the header of HDU 2") && trailing.contains("follow the last complete HDU (HDU 1 'SECOND')"),
                trailing);
    }

    @Test
    void readersReportTheScannersFindingWithTheFileName() throws Exception {
        Path cut = dir.resolve("cut.fits");
        byte[] file = twoMaps();
        Files.write(cut, Arrays.copyOf(file, file.length - 1000));
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> FitsMaps.readAll(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("HDU 1 'SECOND' is truncated"), e.getMessage());
    }

    @Test
    void inputErrorsAreReported() {
        RandomAccessInput failing = new RandomAccessInput() {
            @Override
            public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public void close() {
            }
        };
        FitsStructureException e = assertThrows(FitsStructureException.class, () -> FitsStructure.all(failing, 5760));
        assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
    }
}
