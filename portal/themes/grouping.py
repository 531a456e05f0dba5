"""Lexical grouping of texts, for suggestions a person then accepts or rejects. No model, nothing downloaded: it
works offline in every script.

- Near-duplicates: nearly the same text in one language. Character 4-grams within words need no word splitting,
  so Somali, Arabic, Nepali and Burmese are compared the same way as English (a third of the work of 3- to
  5-grams, for the same agreement on bench/themes_labelled.py).
- Similar meaning across languages: the English of each text (a person's translation, or English written by the
  resident), as word TF-IDF, grouped by average-linkage clustering over each text's nearest neighbours.

Similarities are computed block by block over sparse matrices, so 10,000 texts stay within a few hundred MB
(bench/themes.py measures it; bench/README.md has the figures).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import AgglomerativeClustering
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

NEAR_DUPLICATE_SIMILARITY = 0.75  # cosine of character n-gram vectors: above it, the same text with small changes
SIMILAR_MEANING_DISTANCE = 0.8  # average-linkage cosine distance of English word vectors that still groups
NEIGHBOURS = 12  # each text is compared closely with this many of its nearest
BLOCK = 1000  # rows of the similarity matrix computed at once
LABEL_WORDS = 4
DENSE_CELLS = 20_000_000  # above this a part's vectors are reduced before clustering (80 MB as float32)
REDUCED_DIMENSIONS = 256
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[a-z]+")
# English words that say nothing of what a message is about, beyond scikit-learn's list: auxiliaries that its
# list lacks, and words every message to the office uses.
_EXTRA_STOP_WORDS = frozenset({"did", "does", "doesn", "don", "didn", "just", "like", "want", "need", "please",
                               "city", "people", "really", "time", "today", "day", "week", "said", "told"})
_SUFFIXES = ("ing", "ed", "e")


@dataclass(frozen=True)
class Text:
    id: int
    language: str
    original: str
    english: str  # "" when no English is available


@dataclass(frozen=True)
class Group:
    label: str
    ids: tuple[int, ...]
    language: str | None = None  # set for near-duplicates, which share one


def _normalized(text: str) -> str:
    return _SPACES.sub(" ", text.casefold()).strip()


def _stem(word: str) -> str:
    """A light stemmer (threatens, threatened, threatening -> threaten; meetings -> meet): enough for grouping,
    no dictionary."""
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def _english_terms(text: str) -> list[str]:
    """Stemmed content words of an English text."""
    return [_stem(word) for word in _WORDS.findall(text.casefold())
            if len(word) > 2 and word not in ENGLISH_STOP_WORDS and word not in _EXTRA_STOP_WORDS]


def _pairs_at_least(matrix: csr_matrix, threshold: float) -> Iterable[tuple[np.ndarray, np.ndarray]]:
    """Index pairs (i < j) of rows whose cosine similarity is at least threshold; the rows are L2-normalized."""
    for start in range(0, matrix.shape[0], BLOCK):
        block = (matrix[start:start + BLOCK] @ matrix.T).tocoo()
        keep = (block.data >= threshold) & (block.row + start < block.col)
        yield block.row[keep] + start, block.col[keep]


def _components(size: int, pairs: Iterable[tuple[np.ndarray, np.ndarray]]) -> list[list[int]]:
    rows, cols = [], []
    for row, col in pairs:
        rows.append(row)
        cols.append(col)
    if not rows:
        return []
    row_all, col_all = np.concatenate(rows), np.concatenate(cols)
    graph = coo_matrix((np.ones(len(row_all), dtype=np.int8), (row_all, col_all)), shape=(size, size))
    _count, labels = connected_components(graph, directed=False)
    members: dict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        members[int(label)].append(index)
    return [indexes for indexes in members.values() if len(indexes) > 1]


def _label(vectorizer: TfidfVectorizer, matrix: csr_matrix, indexes: list[int]) -> str:
    """The group's heaviest terms: what its texts share."""
    weights = np.asarray(matrix[indexes].sum(axis=0)).ravel()
    names = vectorizer.get_feature_names_out()
    words: list[str] = []
    for position in np.argsort(-weights):
        term = str(names[position]).strip()
        if weights[position] <= 0 or len(words) == LABEL_WORDS:
            break
        if term and not any(term in word or word in term for word in words):
            words.append(term)
    return ", ".join(words)


def near_duplicates(texts: Sequence[Text], threshold: float = NEAR_DUPLICATE_SIMILARITY) -> list[Group]:
    """Groups of nearly the same text, within each language."""
    by_language: dict[str, list[Text]] = defaultdict(list)
    for text in texts:
        if text.original.strip():
            by_language[text.language].append(text)
    groups = []
    for language, items in sorted(by_language.items()):
        if len(items) < 2:
            continue
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 4), sublinear_tf=True, dtype=np.float32,
                                     preprocessor=_normalized)
        matrix = vectorizer.fit_transform([item.original for item in items]).tocsr()
        for indexes in _components(len(items), _pairs_at_least(matrix, threshold)):
            word_vectorizer = TfidfVectorizer(analyzer="word", token_pattern=r"(?u)\b\w\w\w+\b",
                                              preprocessor=_normalized)
            words = word_vectorizer.fit_transform([items[index].original for index in indexes])
            groups.append(Group(_label(word_vectorizer, words, list(range(len(indexes)))),
                                tuple(sorted(items[index].id for index in indexes)), language))
    return groups


def similar_meaning(texts: Sequence[Text], distance: float = SIMILAR_MEANING_DISTANCE) -> list[Group]:
    """Groups of texts whose English says much the same, whatever language they were written in."""
    items = [text for text in texts if text.english.strip()]
    if len(items) < 2:
        return []
    # In a large batch, a word in one text only or in half of them tells nothing of groups; in a small one it may.
    large = len(items) >= 200
    vectorizer = TfidfVectorizer(analyzer=_english_terms, sublinear_tf=True, min_df=2 if large else 1,
                                 max_df=0.5 if large else 1.0, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform([item.english for item in items]).tocsr()
    except ValueError:  # nothing but stop words
        return []
    labels = _average_linkage(matrix, distance)
    members: dict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        members[int(label)].append(index)
    return [Group(_label(vectorizer, matrix, indexes), tuple(sorted(items[index].id for index in indexes)))
            for indexes in members.values() if len(indexes) > 1]


def _nearest_neighbour_graph(matrix: csr_matrix) -> csr_matrix:
    """Each row linked to its NEIGHBOURS most similar rows (that share any word), computed block by block."""
    size = matrix.shape[0]
    rows, cols = [], []
    for start in range(0, size, BLOCK):
        block = (matrix[start:start + BLOCK] @ matrix.T).toarray()
        np.fill_diagonal(block[:, start:start + BLOCK], 0)
        count = min(NEIGHBOURS, size - 1)
        nearest = np.argpartition(-block, count - 1, axis=1)[:, :count]
        for offset, neighbours in enumerate(nearest):
            linked = neighbours[block[offset, neighbours] > 0]
            rows.extend([start + offset] * len(linked))
            cols.extend(linked.tolist())
    graph = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(size, size))
    return graph.maximum(graph.T).tocsr()


def _average_linkage(matrix: csr_matrix, distance: float) -> np.ndarray:
    """Cluster labels: average linkage on cosine distance, merging only along the nearest-neighbour graph so it
    never needs the whole distance matrix; a text with no neighbour stays alone."""
    graph = _nearest_neighbour_graph(matrix)
    # The clustering needs one connected graph; each isolated part is clustered on its own instead.
    parts, part_of = connected_components(graph, directed=False)
    labels = np.arange(matrix.shape[0])
    next_label = matrix.shape[0]
    for part in range(parts):
        indexes = np.flatnonzero(part_of == part)
        if len(indexes) < 2:
            continue
        if len(indexes) == 2:
            similarity = float(matrix[indexes[0]].multiply(matrix[indexes[1]]).sum())
            if 1 - similarity <= distance:
                labels[indexes] = next_label
                next_label += 1
            continue
        clustering = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                             distance_threshold=distance,
                                             connectivity=graph[indexes][:, indexes])
        found = clustering.fit_predict(_dense(matrix[indexes]))
        labels[indexes] = found + next_label
        next_label += int(found.max()) + 1
    return labels


def _dense(part: csr_matrix) -> np.ndarray:
    """The rows as a dense array for the clustering; a large part reduced to REDUCED_DIMENSIONS by truncated SVD
    (latent semantic analysis), which keeps cosine distances close and memory small."""
    if part.shape[0] * part.shape[1] <= DENSE_CELLS or part.shape[1] <= REDUCED_DIMENSIONS:
        return part.toarray()
    reduced = TruncatedSVD(n_components=REDUCED_DIMENSIONS, random_state=0).fit_transform(part)
    return normalize(reduced).astype(np.float32)
