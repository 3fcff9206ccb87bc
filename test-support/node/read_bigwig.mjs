// Reads a bigWig with @gmod/bbi (JBrowse's reader) and prints what it sees as JSON:
// the header, every interval of every contig, and every zoom level's summary records.
// usage: node read_bigwig.mjs FILE.bw
import { BigWig } from '@gmod/bbi'
import { LocalFile } from 'generic-filehandle2'

const bw = new BigWig({ filehandle: new LocalFile(process.argv[2]) })
const header = await bw.getHeader()
const chroms = Object.fromEntries(
  Object.values(header.refsByNumber).map(ref => [ref.name, ref.length]),
)
const out = {
  zoomLevels: header.zoomLevels.map(z => z.reductionLevel),
  totalSummary: header.totalSummary,
  chroms,
  intervals: [],
  zooms: {},
}
for (const [name, length] of Object.entries(chroms)) {
  for (const f of await bw.getFeatures(name, 0, length)) {
    out.intervals.push([name, f.start, f.end, f.score])
  }
}
for (const reduction of out.zoomLevels) {
  const records = []
  for (const [name, length] of Object.entries(chroms)) {
    for (const f of await bw.getFeatures(name, 0, length, { basesPerSpan: reduction })) {
      records.push([name, f.start, f.end, f.minScore, f.maxScore, f.score])
    }
  }
  out.zooms[reduction] = records
}
console.log(JSON.stringify(out))
