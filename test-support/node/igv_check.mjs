// Opens zinfer's igv.js output in headless Chromium and prints what happened as JSON: every console error,
// failed request and page error, and per track how many pixels it drew. A session (igv_session.json) is loaded
// into igv.js with its files served from 127.0.0.1 with HTTP range requests, as a web server would; a report
// (.html) is opened from file://, as a user would. Nothing else can be reached.
// usage: node igv_check.mjs SESSION.json|REPORT.html [LOCUS] [SCREENSHOT.png]   (Chromium: $CHROMIUM or /usr/bin/chromium)
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const [sessionArg, locus, screenshot] = process.argv.slice(2)
const session = path.resolve(sessionArg)
const igvJs = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules/igv/dist/igv.min.js')
const pagePath = path.join(path.dirname(session), '__igv_check__.html')
const page = `<!doctype html><html><body style="margin:0"><div id="igv" style="width:1200px"></div>
<script src="/__igv__.js"></script>
<script>
fetch(${JSON.stringify(path.basename(session))}).then(r => r.json())
  .then(s => { if (${JSON.stringify(locus ?? null)}) { s.locus = ${JSON.stringify(locus ?? null)} } return igv.createBrowser(document.getElementById('igv'), s) })
  .then(b => { window.browser = b; window.ready = true })
  .catch(e => { console.error('igv.js: ' + e); window.ready = true })
</script></body></html>`

const server = http.createServer((request, response) => {
  const file = decodeURIComponent(new URL(request.url, 'http://localhost').pathname)
  if (file === '/__igv__.js' || file === pagePath) {
    response.writeHead(200, { 'Content-Type': file === pagePath ? 'text/html' : 'text/javascript' })
    response.end(file === pagePath ? page : fs.readFileSync(igvJs))
    return
  }
  let stat
  try {
    stat = fs.statSync(file)
  } catch {
    response.writeHead(404).end()
    return
  }
  const range = /bytes=(\d+)-(\d*)/.exec(request.headers.range ?? '')
  const start = range ? Number(range[1]) : 0
  const end = range && range[2] ? Math.min(Number(range[2]), stat.size - 1) : stat.size - 1
  response.writeHead(range ? 206 : 200, {
    'Content-Length': end - start + 1, 'Accept-Ranges': 'bytes',
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${stat.size}` } : {}),
  })
  fs.createReadStream(file, { start, end }).pipe(response)
})
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${server.address().port}`

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
})
const errors = []
try {
  const tab = await browser.newPage({ viewport: { width: 1200, height: 800 } })
  tab.on('console', m => { if (m.type() === 'error') errors.push(m.text()) })
  tab.on('pageerror', e => errors.push('page error: ' + e.message))
  tab.on('requestfailed', r => errors.push('request failed: ' + r.url()))
  tab.on('response', r => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`) })
  const report = session.endsWith('.html')
  const allowed = url => report ? url.protocol === 'file:' || url.protocol === 'data:' : url.href.startsWith(origin)
  await tab.route(url => !allowed(url), route => { errors.push('outside request: ' + route.request().url()); route.abort() })
  if (report) {
    await tab.goto('file://' + session)
    await tab.waitForFunction(() => window.browser !== undefined, null, { timeout: 60000 })
    if (locus) await tab.evaluate(l => window.browser.search(l), locus)
  } else {
    await tab.goto(origin + pagePath)
    await tab.waitForFunction(() => window.ready, null, { timeout: 60000 })
  }
  // igv.js draws each track when its data arrives: wait until every track has drawn something, or 20 s
  const drawn = () => tab.evaluate(() => (window.browser?.trackViews ?? []).map(view => {
    let pixels = 0
    for (const viewport of view.viewports) {
      const canvas = viewport.canvas
      if (!canvas || !canvas.width || !canvas.height) continue
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
      for (let i = 3; i < data.length; i += 4) pixels += data[i] > 0 ? 1 : 0
    }
    return { name: view.track.name ?? view.track.id ?? '', type: view.track.type ?? '', pixels }
  }))
  let tracks = await drawn()
  for (let waited = 0; waited < 20000 && tracks.some(t => t.type === 'wig' && t.pixels === 0); waited += 250) {
    await tab.waitForTimeout(250)
    tracks = await drawn()
  }
  if (screenshot) await tab.screenshot({ path: screenshot })
  console.log(JSON.stringify({ errors, tracks }))
} finally {
  await browser.close()
  server.close()
}
