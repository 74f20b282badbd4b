// Package gendump writes synthetic abstract dumps: text shaped like a copy of
// the Hugging Face Papers listing page (page chrome, a date line, then title
// and abstract paragraphs), for load tests and benchmarks of the parser.
//
// The output is deterministic for a given seed and always a valid dump:
// titles are unique ("Paper 17: Efficient Sparse Attention for Linear
// Transformers"), 25 to 134 characters long and never end with a period;
// abstracts are 1,300 to 1,900 characters of English-like machine-learning
// prose that ends with a period. About one abstract in five carries a URL
// (mostly GitHub, often glued to a period or a \href remnant as in real
// dumps), and some carry a LaTeX remnant such as "$f$" or "ell_infty". Lines
// end with LF, no line has trailing spaces, and the dump ends with a newline.
//
// Write streams: memory use is bounded by one paper and the output buffer,
// whatever the size of the dump.
package gendump

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Options says how much to write and how.
type Options struct {
	// Papers is the number of papers to write.
	Papers int
	// Bytes, used instead of Papers, stops the dump after the first paper
	// that brings the output to at least this many bytes. Exactly one of
	// Papers and Bytes must be positive; the other must be zero.
	Bytes int64
	// Seed selects the pseudo-random sequence; equal options give equal
	// bytes.
	Seed uint64
	// Label is the date line; "" means DefaultLabel.
	Label string
	// Markdown writes a Markdown capture of today's page instead, as
	// firecrawl does: front matter, the chrome, and a card per paper around
	// "### [Title](https://huggingface.co/papers/ID)" with its upvotes,
	// author count, date and comment count. The titles and abstracts are
	// the same as in the plain dump of the same options.
	Markdown bool
}

// DefaultLabel is the date line written when Options.Label is empty.
const DefaultLabel = "Mar 14"

// Length bounds of the generated text, in characters (Unicode code points).
const (
	MinTitleLen    = 25
	MaxTitleLen    = 134
	MinAbstractLen = 1300
	MaxAbstractLen = 1900
)

// chrome is the page chrome that opens every dump, each line followed by a
// blank line, as in the real listing page.
var chrome = []string{
	"new",
	"Get trending papers in your email inbox!",
	"Subscribe",
	"byAK and the research community",
}

// markdownChrome is the chrome of a Markdown capture of today's page.
var markdownChrome = []string{
	"new",
	"Get trending papers in your email inbox!",
	"[Subscribe](https://huggingface.co/login?next=%2Fpapers)",
	"# Daily Papers",
	"## by [AK](https://huggingface.co/akhaliq) and the research community",
}

// bufSize is the size of the output buffer.
const bufSize = 256 << 10

// Write writes a synthetic dump to w as opts says and returns the number of
// papers generated and the number of bytes that reached w. Output goes
// through a bufio.Writer that is flushed before Write returns; the first
// error of w ends the dump and is returned (then papers counts the papers
// handed to the buffer, and n only the bytes w accepted).
func Write(w io.Writer, opts Options) (papers int, n int64, err error) {
	if (opts.Papers > 0) == (opts.Bytes > 0) || opts.Papers < 0 || opts.Bytes < 0 {
		return 0, 0, errors.New("gendump: exactly one of Options.Papers and Options.Bytes must be positive")
	}
	label := opts.Label
	if label == "" {
		label = DefaultLabel
	}
	if strings.ContainsAny(label, "\r\n") || strings.TrimSpace(label) != label {
		return 0, 0, fmt.Errorf("gendump: label %q must be one line without surrounding spaces", label)
	}

	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, bufSize)
	g := newGenerator(opts.Seed)

	var written int64 // bytes handed to bw
	put := func(b []byte) error {
		m, err := bw.Write(b)
		written += int64(m)
		return err
	}

	buf := make([]byte, 0, 4096)
	lines := chrome
	if opts.Markdown {
		buf = append(buf, markdownFrontMatter...)
		lines = markdownChrome
	}
	for _, c := range lines {
		buf = append(buf, c...)
		buf = append(buf, '\n', '\n')
	}
	buf = append(buf, label...)
	buf = append(buf, '\n')
	if err := put(buf); err != nil {
		return 0, cw.n, err
	}

	for {
		if opts.Papers > 0 && papers >= opts.Papers {
			break
		}
		if opts.Markdown {
			buf = g.appendCard(buf[:0], papers+1)
		} else {
			buf = g.appendPaper(buf[:0], papers+1)
		}
		if err := put(buf); err != nil {
			return papers, cw.n, err
		}
		papers++
		if opts.Bytes > 0 && written >= opts.Bytes {
			break
		}
	}
	if err := bw.Flush(); err != nil {
		return papers, cw.n, err
	}
	return papers, cw.n, nil
}

// countWriter counts the bytes its writer accepts.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	m, err := c.w.Write(p)
	c.n += int64(m)
	return m, err
}

// generator draws the text. Words are drawn from tables of tableSize slots,
// each word filling a number of slots proportional to its weight, so that one
// draw is a table lookup indexed by tableBits random bits.
type generator struct {
	tok   []byte // scratch for made-up words
	pcg   *rand.PCG
	pool  uint64 // unused random bits
	npool uint   // how many 16-bit draws are left in pool
}

func newGenerator(seed uint64) *generator {
	return &generator{pcg: rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)}
}

// intn returns a number in [0, n) (Lemire's multiply-shift; the bias is
// below 2^-40 for the small n used here).
func (g *generator) intn(n int) int {
	hi, _ := bits.Mul64(g.pcg.Uint64(), uint64(n))
	return int(hi)
}

// chance reports true with probability 1 in n.
func (g *generator) chance(n int) bool { return g.intn(n) == 0 }

// draw returns 16 random bits, taken from a pool refilled 64 bits at a
// time: the low tableBits index a word table, the others are a spare coin.
func (g *generator) draw() uint {
	if g.npool == 0 {
		g.pool = g.pcg.Uint64()
		g.npool = 4
	}
	v := uint(g.pool & 0xffff)
	g.pool >>= 16
	g.npool--
	return v
}

// slot returns a random index into a word table.
func (g *generator) slot() int { return int(g.draw() & (tableSize - 1)) }

// appendPaper appends paper number num: a blank line, the title line, a
// blank line and the abstract line.
func (g *generator) appendPaper(b []byte, num int) []byte {
	b = append(b, '\n')
	b = g.appendTitle(b, num)
	b = append(b, '\n', '\n')
	b = g.appendAbstract(b)
	return append(b, '\n')
}

// markdownFrontMatter opens a Markdown dump, as firecrawl's does.
const markdownFrontMatter = "---\nurl: https://huggingface.co/papers/date/2024-03-14\nretrieved: 2024-03-15\n" +
	"title: Daily Papers - Hugging Face\n---\n"

// appendCard appends paper number num as a card of a Markdown capture:
// a blank line, then its blocks separated by blank lines. Its counts come
// from num, so that the random sequence, and the titles and abstracts, are
// those of the plain dump.
func (g *generator) appendCard(b []byte, num int) []byte {
	id := strconv.AppendInt(nil, 1000+int64(num/100000), 10)
	id = append(id, '.')
	id = append(id, fmt.Sprintf("%05d", num%100000)...)
	b = append(b, "\n["...)
	b = strconv.AppendInt(b, int64(num*7%300), 10)
	b = append(b, "](https://huggingface.co/login?next=%2Fpapers%2F"...)
	b = append(b, id...)
	b = append(b, ")\n\n### ["...)
	b = g.appendTitle(b, num)
	b = append(b, "](https://huggingface.co/papers/"...)
	b = append(b, id...)
	b = append(b, ")\n\n["...)
	b = g.appendAbstract(b)
	b = append(b, "](https://huggingface.co/papers/"...)
	b = append(b, id...)
	b = append(b, ")\n\n[- "...)
	b = strconv.AppendInt(b, int64(1+num%20), 10)
	b = append(b, " authors](https://huggingface.co/papers/"...)
	b = append(b, id...)
	b = append(b, ")\n\n·\n\nMar 13["...)
	b = strconv.AppendInt(b, int64(1+num%9), 10)
	b = append(b, "](https://huggingface.co/papers/"...)
	b = append(b, id...)
	return append(b, "#community)\n"...)
}

// appendTitle appends a title line (without newline): "Paper <num>: " and
// capitalized words, sometimes a question.
func (g *generator) appendTitle(b []byte, num int) []byte {
	start := len(b)
	b = append(b, "Paper "...)
	b = strconv.AppendInt(b, int64(num), 10)
	b = append(b, ':', ' ')
	question := g.chance(12)
	if question {
		b = append(b, titleQuestion[g.intn(len(titleQuestion))]...)
		b = append(b, ' ')
	}
	// Head: 2 to 4 title words, then up to two phrases "connector words",
	// then more words if the title is still short.
	runes := utf8.RuneCount(b[start:])
	b, runes = g.appendTitleWords(b, runes, 2+g.intn(3))
	return g.appendTitleTail(b, runes, question)
}

// appendTitleTail ends a title whose runes characters are in b: up to two
// phrases "connector words", more words while the title is short, and the
// question mark of a question.
func (g *generator) appendTitleTail(b []byte, runes int, question bool) []byte {
	for range g.intn(3) {
		c := titleConnectors[g.intn(len(titleConnectors))]
		if runes+len(c)+2+20 > MaxTitleLen-1 {
			break
		}
		b = append(b, c...)
		runes += len(c)
		b, runes = g.appendTitleWords(b, runes, 1+g.intn(3))
	}
	for runes < MinTitleLen {
		b, runes = g.appendTitleWords(b, runes, 1)
	}
	if question {
		b = append(b, '?')
	}
	return b
}

// appendTitleWords appends k space-led title words while they fit.
func (g *generator) appendTitleWords(b []byte, runes, k int) ([]byte, int) {
	for i := range k {
		w := titleWords[g.intn(len(titleWords))]
		if runes+1+w.runes > MaxTitleLen-1 && i > 0 {
			break
		}
		if b[len(b)-1] != ' ' {
			b = append(b, ' ')
			runes++
		}
		b = append(b, w.s...)
		runes += w.runes
	}
	return b, runes
}

// appendAbstract appends an abstract line (without newline).
func (g *generator) appendAbstract(b []byte) []byte {
	// The target leaves room for a sentence's worth of slack on both sides.
	target := 1420 + g.intn(380)

	var url []byte
	var closing word
	if g.chance(5) {
		url = g.appendURLSentence(make([]byte, 0, 256))
		if url[len(url)-1] != '.' || g.chance(5) {
			closing = closings[g.intn(len(closings))]
		}
	}
	limit := target - utf8.RuneCount(url) - closing.runes - 2
	b = g.appendSentences(b, limit)
	if url != nil {
		b = append(b, ' ')
		b = append(b, url...)
		if closing.s != "" {
			b = append(b, ' ')
			b = append(b, closing.s...)
		}
	}
	return b
}

// appendSentences appends sentences, a space between them, while more
// than 80 characters are left before limit.
func (g *generator) appendSentences(b []byte, limit int) []byte {
	runes := 0
	for limit-runes >= 80 {
		if runes > 0 {
			b = append(b, ' ')
			runes++
		}
		b, runes = g.appendSentence(b, runes, limit)
	}
	return b
}

// appendSentence appends one sentence, ending it early when the next word
// would take the abstract past limit runes.
func (g *generator) appendSentence(b []byte, runes, limit int) ([]byte, int) {
	nwords := 8 + g.intn(20)
	i := 0
	if g.chance(2) {
		o := openers[g.intn(len(openers))]
		b = append(b, o.s...)
		runes += o.runes
		i = o.words
	} else {
		w := &body[g.slot()]
		for w.kind != plain {
			w = &body[g.slot()]
		}
		b = append(b, w.capital...)
		runes += w.runes
		i = 1
	}
	// The hot loop writes into spare capacity, plain words through one
	// fixed-size copy each. A sentence of at most 27 words, each under 64
	// bytes with its space and comma, fits in 2048 bytes.
	b = slices.Grow(b, 2048)
	n := len(b)
	buf := b[:cap(b)]
	for ; i < nwords; i++ {
		v := g.draw()
		w := &fast[v&(tableSize-1)]
		if w.kind == plain {
			if runes+int(w.runes)+1 > limit && i >= 3 {
				break
			}
			*(*[padLen]byte)(buf[n : n+padLen]) = w.pad
			n += int(w.n)
			runes += int(w.runes)
		} else {
			g.tok = g.appendSpecial(append(g.tok[:0], ' '), w.kind)
			k := utf8.RuneCount(g.tok)
			if runes+k+1 > limit && i >= 3 {
				break
			}
			n += copy(buf[n:], g.tok)
			runes += k
		}
		// About one word in 16 is followed by a comma.
		if v>>tableBits == 0 && i+1 < nwords && i >= 2 {
			buf[n] = ','
			n++
			runes++
		}
	}
	buf[n] = '.'
	return buf[:n+1], runes + 1
}

// appendSpecial appends a word of the given kind: a LaTeX remnant, a
// number or a hyphenated compound.
func (g *generator) appendSpecial(b []byte, kind uint8) []byte {
	switch kind {
	case latexWord:
		return append(b, latex[g.intn(len(latex))].s...)
	case compoundWord:
		b = append(b, content[g.intn(len(content))]...)
		b = append(b, '-')
		return append(b, suffixes[g.intn(len(suffixes))]...)
	}
	switch r := g.intn(8); r {
	case 0, 1, 2:
		return strconv.AppendInt(b, int64(1+g.intn(2048)), 10)
	case 3:
		b = strconv.AppendInt(b, int64(g.intn(100)), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(g.intn(10)), 10)
		return append(b, '%')
	case 4:
		b = strconv.AppendInt(b, int64(1+g.intn(30)), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(g.intn(10)), 10)
		return append(b, 'x')
	case 5:
		b = strconv.AppendInt(b, int64(1+g.intn(175)), 10)
		return append(b, 'B')
	default:
		b = strconv.AppendInt(b, int64(g.intn(100)), 10)
		b = append(b, '.')
		return strconv.AppendInt(b, int64(g.intn(100)), 10)
	}
}

// appendURLSentence appends a sentence that gives a URL, in one of the
// shapes found in real dumps.
func (g *generator) appendURLSentence(b []byte) []byte {
	b = append(b, urlLeads[g.intn(len(urlLeads))]...)
	u := len(b) + 1
	b = append(b, ' ')
	anonymous := g.chance(20)
	if anonymous {
		b = append(b, "https://anonymous.4open.science/r/"...)
		b = g.appendName(b, true)
		b = append(b, "-Submission/README.md"...)
	} else {
		b = append(b, "https://github.com/"...)
		b = append(b, owners[g.intn(len(owners))]...)
		if g.chance(2) {
			b = strconv.AppendInt(b, int64(g.intn(1000)), 10)
		}
		b = append(b, '/')
		b = g.appendName(b, g.chance(3))
	}
	url := b[u:]
	switch r := g.intn(20); {
	case anonymous:
		b = append(b, "{here.}"...)
	case r < 14:
		b = append(b, '.') // glued period
	case r < 16:
		b = append(b, " ."...)
	case r < 18:
		b = append(b, '{')
		b = append(b, url...)
		b = append(b, "}."...)
	default:
		b = append(b, " and is also released as part of our toolkit."...)
	}
	return b
}

// appendName appends a repository name of one to three vocabulary words
// joined by hyphens, capitalized when upper is set.
func (g *generator) appendName(b []byte, upper bool) []byte {
	for i := range 1 + g.intn(3) {
		if i > 0 {
			b = append(b, '-')
		}
		w := repoWords[g.intn(len(repoWords))]
		if upper {
			b = append(b, w.capital...)
		} else {
			b = append(b, w.s...)
		}
	}
	return b
}

// padLen is the size of fastWord.pad, longer than any plain word.
const padLen = 24

// fastWord is a plain word of body for the hot loop: a space and the word,
// padded with zeros, so that it is copied with one fixed-size move.
type fastWord struct {
	pad   [padLen]byte
	n     uint8 // bytes of pad in use
	runes uint8 // characters of pad in use
	kind  uint8
}

// word is a vocabulary entry with its precomputed forms.
type word struct {
	s       string
	capital string // s with its first letter in upper case
	runes   int
	words   int   // number of space-separated words, for openers
	kind    uint8 // plain, or a kind of word made up when drawn
}

// Kinds of word.
const (
	plain        = iota
	latexWord    // a LaTeX remnant such as "$f$"; never starts a sentence
	numberWord   // "1024", "37.5%", "2.5x", "7B"
	compoundWord // "kernel-based", "attention-aware"
)

func newWord(s string) word {
	r, size := utf8.DecodeRuneInString(s)
	return word{
		s:       s,
		capital: string(unicode.ToUpper(r)) + s[size:],
		runes:   utf8.RuneCountInString(s),
		words:   len(strings.Fields(s)),
	}
}

func words(s string) []word {
	var out []word
	for _, f := range strings.Fields(s) {
		out = append(out, newWord(f))
	}
	return out
}

// Word tables.
const (
	tableBits     = 12
	tableSize     = 1 << tableBits
	latexSlots    = 3   // about one abstract in six gets a LaTeX remnant
	numberSlots   = 64  // about one word in 64
	compoundSlots = 160 // about one word in 25
	specialSlots  = latexSlots + numberSlots + compoundSlots
)

var (
	body     [tableSize]word // abstract words, weighted
	fast     [tableSize]fastWord
	latex    []word   // LaTeX remnants
	content  []string // heads of compound words
	suffixes = strings.Fields("based aware free guided driven level wise specific agnostic efficient friendly conditioned augmented centric")
	openers  []word // sentence openers
	closings []word // sentences that may follow a URL sentence
	titleWords,
	repoWords []word
	titleConnectors = []string{" for", " with", " via", " of", " in", " and", " from", " under", " through", ":"}
	titleQuestion   = []string{"Can", "Do", "Is", "Are", "When Do", "Why Do", "How Well Do"}
	urlLeads        = []string{
		"Code is available at",
		"Code and models are available at",
		"The code is available at",
		"The code is released at",
		"Our code is publicly available at",
		"We make our code publicly available at",
		"Full open source code can be found at",
		"The code for our method can be found at",
		"Our implementation is available~",
	}
	owners = strings.Fields(`owner openlab ml-group deepmind-research fudan-zvg nlp-lab
		vision-group shizhou alaam ngushchin sIncerass OpenNLPLab OpenSparseLLMs
		tsinghua-ml stanford-crfm berkeley-ai mit-han-lab uw-nlp cmu-ml kaist-ai
		epfl-ml ethz-vision mila-iqia oxford-ml ucl-dark nyu-ml facebookresearch
		google-research microsoft amazon-science apple nvlabs ibm salesforce`)
)

// Abstract vocabulary in three weight classes: function words are frequent,
// common research words less so, the long tail of technical terms rare. The
// mix makes zstd compress the text about as well as real abstracts.
const (
	functionWords = `the the the the of of of and and and to to a a in in is we
		for that on with as by are this our an be which from can it its at
		or these not their has than both such more most also while into only
		between over each when where under without through across via how
		then however thus therefore moreover further while other all`
	commonWords = `model models method methods learning neural network networks
		data training performance results approach problem tasks task show
		propose proposed paper work framework large language based new
		existing prior state-of-the-art deep using use used demonstrate
		achieve achieves significantly improve improves improved efficient
		efficiency algorithm algorithms experiments experimental analysis
		theoretical empirical novel simple effective accuracy benchmark
		benchmarks dataset datasets function functions time linear sparse
		attention transformer transformers representation representations
		information structure approximation optimization generalization
		robust robustness scale large-scale parameters input output
		features feature space loss error bound bounds complexity setting
		settings problems different multiple single high low first two
		three specific general standard key main important well better
		best small previous recent current first-order second-order
		inference computational memory quadratic sequence sequences length
		long context tokens token layer layers architecture architectures`
	rareWords = `trajectory forecasting kinematic probabilistic variance
		uncertainty prediction predictions autoregressive one-shot
		differentiable analytical approximations overhead incorporated
		unrolling integration dynamics feasible prior priors Gaussian
		mixture quantify formulation formulations partial nonlinear
		elliptic variational functional Barron norm derivatives dimensional
		curse theoretical inquiry leverages burgeoning solutions evade
		kernel kernels softmax normalization batch layer-norm stochastic
		gradient descent convergence regret minimax lower upper tight
		coreset coresets sampling importance distribution distributions
		diffusion score-based generative adversarial discriminator
		encoder decoder embedding embeddings pretrained fine-tuning
		fine-tuned zero-shot few-shot in-context retrieval augmented
		reasoning chain-of-thought instruction alignment preference reward
		reinforcement policy agent agents environment exploration
		exploitation bandit bandits Lipschitz constant certified verification
		monotonicity provable guarantees adversarial perturbations
		perturbation ImageNet CIFAR-10 WikiText-103 PTB GLUE SuperGLUE
		COCO BERT GPT LLaMA ViT ResNet CNN RNN LSTM GNN graph graphs node
		nodes edge edges message passing spectral Fourier wavelet
		convolution convolutional pooling recurrent state-space Mamba
		mixture-of-experts routing expert experts gating load balancing
		quantization pruning distillation compression low-rank
		factorization matrix matrices tensor tensors eigenvalue singular
		decomposition projection random features Nystrom approximation
		throughput latency hardware GPU GPUs TPU parallel distributed
		federated privacy differential differentially private secure
		fairness bias calibration interpretability explainability causal
		counterfactual intervention confounding identifiability
		Schrödinger bridge transport optimal Wasserstein entropic
		regularization regularized sparse dense hierarchical multi-scale
		multimodal vision speech audio video image images text pixel
		segmentation detection classification regression clustering
		contrastive self-supervised semi-supervised unsupervised
		supervised labels noisy robustly outperforms outperforming
		competitive comparable superior consistent consistently baseline
		baselines ablation ablations hyperparameter hyperparameters
		initialization warmup schedule scheduler step-size momentum Adam
		SGD convex nonconvex smooth objective objectives constraint
		constraints Bayesian posterior likelihood variational inference
		Monte Carlo Markov chain sampler samplers energy-based flow flows
		normalizing invertible continuous discrete latent manifold
		geometry geometric equivariant invariant symmetry group physics
		PDE PDEs ODE solver solvers numerical simulation simulations
		molecule molecules protein proteins drug chemistry materials
		weather climate traffic robotics control manipulation locomotion
		navigation planning world simulator sim-to-real tabular
		time-series anomaly outlier streaming online continual lifelong
		catastrophic forgetting meta-learning transfer domain adaptation
		shift out-of-distribution out-of-the-box open-source scalable
		scaling laws emergent capabilities hallucination factuality
		benchmarking evaluation metric metrics human annotators crowdsourced
		50% 8% 2x 10x 1.5 0.1 3 4 16 64 2048K 100 1,000`
	latexText   = `$f$|$x$|$k$|ell_infty|ell_2|(varepsilon,delta)|O(nlog n)|mathcal O(K^{2/3})|Ain R^{ntimes d}|epsilon-approximated|B_L b^p|sqrt{T}|O(1/epsilon^2)|Schr\"odinger|nabla u(x)`
	openerText  = `We|In this paper, we|In this work, we|However,|Moreover,|Our method|Our results|Experiments on|Furthermore,|To this end, we|Specifically,|Finally,|We show that|We propose|Extensive experiments|Existing methods|Recent work|Unlike prior work,|In particular,|As a result,|Empirically,|Theoretically,|This paper|We introduce|We find that|We further|Building on this, we|Previous approaches|Our analysis|Our experiments|Compared to|The proposed`
	closingText = `We believe that these contributions will be useful for the community.|We hope this work will inspire further research.|All experiments can be reproduced with the released scripts.|Pretrained models are released as well.|Our results suggest several directions for future work.`
	titleText   = `Efficient Sparse Attention Linear Transformers Scalable Deep
		Stochastic Kinematic Models Probabilistic Motion Forecasting
		Traffic Neural Network Approximations PDEs Beyond Linearity
		Representational Perspective Light Schrödinger Bridge Optimal
		Transport Provable Robustness Certified Training Lipschitz
		Constants Coresets Learning Language Models Diffusion Generative
		Retrieval Augmented Reasoning Large-Scale Zero-Shot Few-Shot
		Mixture-of-Experts Memory Hierarchical Multimodal Vision
		Understanding Benchmarks Evaluating Towards Rethinking Revisiting
		Improving Unified Framework Graph Networks Federated Private
		Contrastive Self-Supervised Representations Policy Optimization
		Reinforcement Agents Planning World Bandits Regret Bounds
		Convergence Gradient Descent Normalization Power Batch Kernel
		Methods Low-Rank Adaptation Quantization Pruning Distillation
		Compression Long-Context Inference Alignment Preference Feedback
		Causal Discovery Counterfactual Explanations Fairness Calibration
		Uncertainty Bayesian Variational Equivariant Molecular Protein
		Design Time-Series Anomaly Detection Segmentation Video Speech
		Recognition Continual Domain Generalization Shift Hallucination
		Instruction Tuning Chain-of-Thought Prompting Tokenization
		Recurrent State-Space Sequence Modeling Hardware-Aware Parallel
		Throughput Collaborative Data Selection Curriculum Synthetic
		Simple Fast Robust Adaptive Dynamic Implicit Explicit Theory
		Practice Analysis`
	repoText = `sparse attention linear transformer moe coreset lipschitz
		diffusion bridge solver norm power kernel flow graph policy agent
		bench eval data tune prune quant distill retrieval rag reason
		align reward vision speech video motion forecast light fast tiny
		mega nano open auto deep meta`
)

func init() {
	// Weighted body table: a function word takes 5 slots, a common word 2, a
	// rare word 1.
	var fill []word
	for _, w := range words(functionWords) {
		for range 5 {
			fill = append(fill, w)
		}
	}
	for _, w := range words(commonWords) {
		fill = append(fill, w, w)
	}
	fill = append(fill, words(rareWords)...)
	for _, w := range append(words(commonWords), words(rareWords)...) {
		if !strings.ContainsAny(w.s, "-0123456789") && strings.ToLower(w.s) == w.s {
			content = append(content, w.s)
		}
	}
	if len(fill)+specialSlots > tableSize {
		panic(fmt.Sprintf("gendump: vocabulary needs %d slots, table has %d", len(fill)+specialSlots, tableSize))
	}
	// Stretch the weighted list over the table, then give the last slots to
	// the words made up when drawn.
	const plainSlots = tableSize - specialSlots
	for i := range plainSlots {
		body[i] = fill[i*len(fill)/plainSlots]
	}
	for i := plainSlots; i < tableSize; i++ {
		switch {
		case i < plainSlots+latexSlots:
			body[i].kind = latexWord
		case i < plainSlots+latexSlots+numberSlots:
			body[i].kind = numberWord
		default:
			body[i].kind = compoundWord
		}
	}
	for i, w := range body {
		f := &fast[i]
		f.kind = w.kind
		if w.kind != plain {
			continue
		}
		if 1+len(w.s) > padLen {
			panic(fmt.Sprintf("gendump: word %q longer than %d bytes", w.s, padLen-1))
		}
		f.pad[0] = ' '
		copy(f.pad[1:], w.s)
		f.n = uint8(1 + len(w.s))
		f.runes = uint8(1 + w.runes)
	}
	for _, s := range strings.Split(latexText, "|") {
		latex = append(latex, newWord(s))
	}

	for _, s := range strings.Split(openerText, "|") {
		openers = append(openers, newWord(s))
	}
	for _, s := range strings.Split(closingText, "|") {
		closings = append(closings, newWord(s))
	}
	titleWords = words(titleText)
	repoWords = words(repoText)
}
