package org.zinfer.formats.dataset;

import org.bytedeco.javacpp.BytePointer;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.hdf5.global.hdf5.*;

/**
 * An HDF5 file of uint8 datasets that grow along their first axis, written by the HDF Group's own library
 * (jHDF writes a dataset from memory in one piece, and refuses one over 2 GiB). Each dataset is chunked along
 * that axis and deflate-compressed; rows are appended a block at a time, so memory does not grow with the
 * file. The file keeps the oldest format HDF5 can write (version-1 B-tree chunk index), which every reader,
 * h5py and jHDF included, understands, and no timestamps, so that the same windows give the same bytes. The
 * library is built without thread safety, so every call into it holds one lock.
 */
final class AppendableHdf5 implements AutoCloseable {
    private static final long UNLIMITED = -1L;
    private static final Object LIBRARY = new Object();

    private final Path path;
    private final long file;
    private final Map<String, Growing> datasets = new LinkedHashMap<>();

    /** A dataset being written: its handle, the shape of one row, and how many rows it holds so far. */
    private static final class Growing {
        final long id;
        final long[] rowShape;
        long rows;

        Growing(long id, long[] rowShape) {
            this.id = id;
            this.rowShape = rowShape;
        }
    }

    static {
        check(H5open(), "H5open", null);
        H5Eset_auto2(H5E_DEFAULT(), null, null); // failures are reported by the return codes checked here, not printed
    }

    AppendableHdf5(Path path) {
        this.path = path;
        synchronized (LIBRARY) {
            long access = check(H5Pcreate(H5P_CLS_FILE_ACCESS_ID_g()), "H5Pcreate", path);
            H5Pset_file_locking(access, false, true); // file systems without locks (NFS, Lustre) must still work
            this.file = check(H5Fcreate(path.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, access), "H5Fcreate", path);
            H5Pclose(access);
        }
    }

    /** Adds an empty dataset of rows shaped rowShape, in chunks of chunkRows rows, deflate level 4. */
    void create(String name, int chunkRows, long... rowShape) {
        synchronized (LIBRARY) {
            int rank = rowShape.length + 1;
            long[] dims = new long[rank];
            long[] max = new long[rank];
            long[] chunk = new long[rank];
            max[0] = UNLIMITED;
            chunk[0] = chunkRows;
            for (int i = 1; i < rank; i++) {
                dims[i] = max[i] = chunk[i] = rowShape[i - 1];
            }
            long space = check(H5Screate_simple(rank, dims, max), "H5Screate_simple", path);
            long creation = check(H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g()), "H5Pcreate", path);
            check(H5Pset_chunk(creation, rank, chunk), "H5Pset_chunk", path);
            check(H5Pset_deflate(creation, 4), "H5Pset_deflate", path);
            check(H5Pset_obj_track_times(creation, false), "H5Pset_obj_track_times", path); // the same windows, the same bytes
            long id = check(H5Dcreate2(file, name, H5T_NATIVE_UINT8_g(), space, H5P_DEFAULT, creation, H5P_DEFAULT), "H5Dcreate2 " + name, path);
            H5Pclose(creation);
            H5Sclose(space);
            datasets.put(name, new Growing(id, rowShape));
        }
    }

    /** Appends count rows, given row after row in values. */
    void append(String name, byte[] values, int count) {
        synchronized (LIBRARY) {
            Growing dataset = datasets.get(name);
            int rank = dataset.rowShape.length + 1;
            long[] start = new long[rank];
            long[] extent = new long[rank];
            long[] block = new long[rank];
            start[0] = dataset.rows;
            extent[0] = start[0] + count;
            block[0] = count;
            for (int i = 1; i < rank; i++) {
                extent[i] = block[i] = dataset.rowShape[i - 1];
            }
            check(H5Dset_extent(dataset.id, extent), "H5Dset_extent " + name, path);
            long fileSpace = check(H5Dget_space(dataset.id), "H5Dget_space", path);
            check(H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, start, null, block, null), "H5Sselect_hyperslab", path);
            long memorySpace = check(H5Screate_simple(rank, block, null), "H5Screate_simple", path);
            try (BytePointer data = new BytePointer(values)) {
                check(H5Dwrite(dataset.id, H5T_NATIVE_UINT8_g(), memorySpace, fileSpace, H5P_DEFAULT, data), "H5Dwrite " + name, path);
            }
            H5Sclose(memorySpace);
            H5Sclose(fileSpace);
            dataset.rows = extent[0];
        }
    }

    /** A file attribute holding one string (fixed length, null-terminated, as jHDF and h5py write them). */
    void attribute(String name, String value) {
        writeStrings(name, List.of(value), false);
    }

    /** A file attribute holding an array of strings. */
    void attribute(String name, List<String> values) {
        writeStrings(name, values, true);
    }

    private void writeStrings(String name, List<String> values, boolean array) {
        synchronized (LIBRARY) {
            List<byte[]> encoded = new ArrayList<>();
            int width = 1;
            for (String value : values) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                encoded.add(bytes);
                width = Math.max(width, bytes.length + 1);
            }
            byte[] packed = new byte[width * encoded.size()];
            for (int i = 0; i < encoded.size(); i++) {
                System.arraycopy(encoded.get(i), 0, packed, i * width, encoded.get(i).length);
            }
            long type = check(H5Tcopy(H5T_C_S1_g()), "H5Tcopy", path);
            check(H5Tset_size(type, width), "H5Tset_size", path);
            check(H5Tset_strpad(type, H5T_STR_NULLTERM), "H5Tset_strpad", path);
            long space = array ? check(H5Screate_simple(1, new long[] {values.size()}, null), "H5Screate_simple", path)
                    : check(H5Screate(H5S_SCALAR), "H5Screate", path);
            long attribute = check(H5Acreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT), "H5Acreate2 " + name, path);
            try (BytePointer data = new BytePointer(packed)) {
                check(H5Awrite(attribute, type, data), "H5Awrite " + name, path);
            }
            H5Aclose(attribute);
            H5Sclose(space);
            H5Tclose(type);
        }
    }

    @Override
    public void close() {
        synchronized (LIBRARY) {
            boolean closed = true;
            for (Growing dataset : datasets.values()) {
                closed &= H5Dclose(dataset.id) >= 0;
            }
            datasets.clear();
            closed &= H5Fclose(file) >= 0;
            if (!closed) {
                throw new UncheckedIOException("cannot write " + path, new IOException("the HDF5 library could not close the file"));
            }
        }
    }

    private static long check(long result, String call, Path path) {
        if (result < 0) {
            throw new UncheckedIOException("cannot write " + path, new IOException("HDF5 " + call + " failed"));
        }
        return result;
    }
}
