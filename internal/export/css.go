package export

// css is the handout's only style sheet, inline. It loads nothing: no
// fonts, no images, no url() and no @import.
const css = `
:root { --ink: #1d1d1f; --muted: #5a5a60; --line: #c9c9cf; --mech: #7a4fb0; --main: #1f6f8b; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Georgia, "DejaVu Serif", serif; color: var(--ink); max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1, h2, h3, h4, th, nav, .badge, .tag, .slide-no, .light, .dates { font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
h1 { font-size: 2rem; margin: 0 0 .25rem; }
h2 { font-size: 1.5rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.2rem; margin-top: 1.8rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
a { color: #0b5cad; }
.subtitle { font-size: 1.2rem; color: var(--muted); margin-top: 0; }
.dates { display: flex; flex-wrap: wrap; gap: .3rem 1.5rem; font-size: .9rem; }
.dates div { display: flex; gap: .4rem; }
.dates dt { font-weight: bold; }
.dates dd { margin: 0; }
.disclaimer { border-left: 4px solid var(--line); padding: .4rem .8rem; background: #f5f5f7; }
.hash { font-size: .8rem; overflow-wrap: anywhere; }
.origin, .note, .asprinted { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .85rem; }
th, td { border: 1px solid var(--line); padding: .3rem .4rem; text-align: left; vertical-align: top; }
th { background: #efeff3; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
tr.o-mech td:first-child { border-left: 6px solid var(--mech); }
tr.o-main td:first-child { border-left: 6px solid var(--main); }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .6rem; font-size: .8rem; color: #fff; background: #777; white-space: nowrap; }
.badge.o-mech { background: var(--mech); }
.badge.o-main { background: var(--main); }
.tag { font-size: .75rem; color: var(--muted); border: 1px solid var(--line); border-radius: .3rem; padding: 0 .3rem; white-space: nowrap; }
.light { white-space: nowrap; }
.light .dot { display: inline-block; width: 1.3em; height: 1.3em; line-height: 1.3em; border-radius: 50%; text-align: center; font-weight: bold; color: #fff; background: #999; }
.l-good .dot { background: #2e8540; }
.l-fair .dot { background: #e0a800; color: #1d1d1f; }
.l-poor .dot { background: #c62828; }
td.na { color: var(--muted); font-style: italic; }
a.marker { color: #8a5a00; font-weight: bold; text-decoration: none; white-space: nowrap; }
a.marker:hover { text-decoration: underline; }
.study { border-top: 1px solid var(--line); padding-top: .5rem; }
.study.o-mech { border-left: 6px solid var(--mech); padding-left: .8rem; }
.study.o-main { border-left: 6px solid var(--main); padding-left: .8rem; }
.fields { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
.fields div { display: contents; }
.fields dt { font-weight: bold; }
.fields dd { margin: 0; }
.conf { font-size: .8rem; font-weight: bold; }
.c-conflict { color: #c62828; }
ol.refs li { margin-bottom: .6rem; }
.slide-wrap { margin: 2rem 0; }
.slide-no { font-size: .85rem; color: var(--muted); margin: 0 0 .3rem; }
.slide { aspect-ratio: 16 / 9; border: 1px solid var(--line); border-radius: .4rem; padding: 1.5rem 2rem; overflow: hidden; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.15); font-size: 1.1rem; }
.slide h3 { font-size: 1.6rem; margin-top: 0; }
.slide h4 { font-size: 1.3rem; margin-top: 0; }
.slide table { font-size: .75rem; }
.notes { border-left: 4px solid var(--line); margin-top: .6rem; padding: .2rem .8rem; font-size: .95rem; }
.notes-label { font-weight: bold; margin: .2rem 0; }
footer { margin-top: 3rem; border-top: 2px solid var(--line); padding-top: .5rem; font-size: .9rem; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { page-break-after: always; break-after: page; }
  .part { page-break-before: always; break-before: page; }
  table, .slide-wrap, .study, .disclaimer, figure, pre { page-break-inside: avoid; break-inside: avoid; }
  tr, li, dd { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
  .slide { box-shadow: none; overflow: visible; }
  .slide-no { page-break-after: avoid; break-after: avoid; }
  table.compare { font-size: 7.5pt; }
  a { color: inherit; }
  .badge, .light .dot, tr td:first-child, .study { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`
