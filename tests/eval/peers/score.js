// Peer sentiment scorers on the labeled reviews, for make eval: one row
// per tool with the balanced binary accuracy per language (mean of the pos
// and neg recalls over items labeled pos or neg; neutral counts as wrong)
// and records/s (scoring only, in this process).
// Usage: node score.js DEV.jsonl
'use strict';
const fs = require('fs');
const { Container } = require('@nlpjs/core');
const { SentimentAnalyzer } = require('@nlpjs/sentiment');
const { LangFr } = require('@nlpjs/lang-fr');
const vader = require('vader-sentiment');
const Sentiment = require('sentiment');

const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map(JSON.parse);

function label(x, lo, hi) { return x >= hi ? 'pos' : x <= lo ? 'neg' : 'neu'; }

async function main() {
	const container = new Container();
	container.use(LangFr);
	const nlp = new SentimentAnalyzer({ container });
	const afinn = new Sentiment();
	const tools = [
		{ name: '@nlpjs/sentiment + lang-fr', lang: 'fr',
		  score: async t => label((await nlp.process({ locale: 'fr', text: t })).sentiment.score, -1e-9, 1e-9) },
		{ name: 'vader-sentiment', lang: 'en',
		  score: async t => label(vader.SentimentIntensityAnalyzer.polarity_scores(t).compound, -0.05, 0.05) },
		{ name: 'sentiment (AFINN)', lang: 'en',
		  score: async t => label(afinn.analyze(t).score, -1e-9, 1e-9) },
	];
	for (const tool of tools) {
		const items = rows.filter(r => r.lang === tool.lang);
		const t0 = process.hrtime.bigint();
		let P = 0, N = 0, tp = 0, tn = 0;
		for (const r of items) {
			const p = await tool.score(r.text);
			if (r.label === 'pos') { P++; if (p === 'pos') tp++; }
			if (r.label === 'neg') { N++; if (p === 'neg') tn++; }
		}
		const s = Number(process.hrtime.bigint() - t0) / 1e9;
		const bal = ((tp / P + tn / N) / 2).toFixed(3);
		console.log([tool.name, tool.lang === 'fr' ? bal : '-', tool.lang === 'en' ? bal : '-',
			     Math.round(items.length / s)].join('\t'));
	}
}
main();
