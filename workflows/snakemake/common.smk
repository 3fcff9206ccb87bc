import os


def chunk_regions(fasta, chunk, extra):
    """Chunk name -> samtools-style region, chunk bases at a time along each contig of the .fai."""
    regions = []
    with open(f"{fasta}.fai") as fai:
        for line in fai:
            name, length = line.split("\t")[:2]
            length = int(length)
            regions += [f"{name}:{s + 1}-{min(s + chunk, length)}" for s in range(0, length, chunk)]
    return {r.replace(":", "_"): r for r in regions + extra}


def genome_files(fasta):
    """The FASTA with its .fai, and its .gzi when bgzip-compressed."""
    files = [fasta, f"{fasta}.fai"]
    return files + [f"{fasta}.gzi"] if os.path.exists(f"{fasta}.gzi") else files
