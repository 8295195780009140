// A peer scorer as a JSON Lines filter, for make bench: reads records on
// stdin, adds `peer_score` from the tool named in argv[2] ("nlpjs" or
// "vader"), writes each record as one line.  Whole process, like avis-score.
'use strict';
const readline = require('readline');
const tool = process.argv[2];

async function main() {
	let score;
	if (tool === 'nlpjs') {
		const { Container } = require('@nlpjs/core');
		const { SentimentAnalyzer } = require('@nlpjs/sentiment');
		const { LangFr } = require('@nlpjs/lang-fr');
		const container = new Container();
		container.use(LangFr);
		const nlp = new SentimentAnalyzer({ container });
		score = async t => (await nlp.process({ locale: 'fr', text: t })).sentiment.score;
	} else {
		const vader = require('vader-sentiment');
		score = async t => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
	}
	const out = [];
	const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
	for await (const line of rl) {
		if (!line) continue;
		const r = JSON.parse(line);
		r.peer_score = typeof r.text === 'string' ? await score(r.text) : null;
		out.push(JSON.stringify(r));
		if (out.length >= 1000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
	}
	if (out.length) process.stdout.write(out.join('\n') + '\n');
}
main();
