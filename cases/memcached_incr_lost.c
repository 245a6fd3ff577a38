/*
 * name: memcached_incr_lost
 * summary: two clients change one counter item, one with incr and one with decr; the incr outgrows the item and replaces it with a new one while the decr, holding a reference to the old item, updates that one in place, so the decr is lost; every step holds the cache lock
 * verdict: race-free
 * category: real-bug
 * origin: memcached issue 127 (memcached 1.4.4; the Google Code tracker; collected in the jieyu/concurrency-bugs benchmark as memcached-127; the year of the report is not confirmed here): process_arithmetic_command() took a reference to the item with item_get() and then called add_delta(), each under cache_lock but in two critical sections, so a concurrent incr that replaced the item with a larger one made the first command update the unlinked old item and its change was lost
 * flags: atomicity-violation
 * why: every access to the items and the hash table's slot is made holding
 *      cache_lock, and an unlock synchronises with the next lock of the
 *      mutex (POSIX XBD 4.12), so all of them are ordered and there is no
 *      data race (C11 5.1.2.4p25); the lookup and the update are two critical
 *      sections, and the update can act on an item that is no longer the
 *      one in the table: an atomicity violation without a data race.
 *
 * memcached keeps a counter as the decimal text of an item.  incr and decr
 * look the item up (taking a reference), then compute the new value under
 * cache_lock: if its text still fits, they write it in place; if it needs
 * more room (99 + 1 = 100 has one digit more), they allocate a new item,
 * link it in the old one's place and unlink the old one.  A command that
 * looked the item up before the replacement still holds the old item and
 * writes its result there, where no one will read it.
 *
 * A turn (support/turn.h) makes it happen on every run: the decr looks the
 * item up, the incr looks it up, replaces it with "100" and finishes, and
 * then the decr writes "98" into the old item.  The counter ends at 100
 * instead of 99.  The turn orders in time only, and the lock orders
 * everything in memory, so a data-race detector is right to say nothing; the
 * case is here so that a clean report is not taken for a correct program.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scale.h"
#include "turn.h"

#define INCR_MAX_STORAGE_LEN 24

typedef struct item {
    int refcount; /* under cache_lock */
    int linked;   /* in the hash table; under cache_lock */
    int nbytes;   /* room for the value and its "\r\n" */
    char data[INCR_MAX_STORAGE_LEN + 2];
} item;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static item *table;                     /* the one hash slot; under cache_lock */
static struct turn order;

static item *do_item_alloc(const char *value)
{
    item *it = calloc(1, sizeof *it);
    if (it == NULL)
        abort();
    it->refcount = 1;
    it->nbytes = (int)strlen(value) + 2;
    memcpy(it->data, value, strlen(value));
    memcpy(it->data + strlen(value), "\r\n", 2);
    return it;
}

static item *item_get(void)
{
    pthread_mutex_lock(&cache_lock);
    item *it = table; /* NORACE(table) */
    it->refcount++;
    pthread_mutex_unlock(&cache_lock);
    return it;
}

static void do_item_remove(item *it)
{
    if (--it->refcount == 0 && !it->linked)
        free(it);
}

static void item_remove(item *it)
{
    pthread_mutex_lock(&cache_lock);
    do_item_remove(it);
    pthread_mutex_unlock(&cache_lock);
}

/* incr (incr = 1) or decr (incr = 0) by delta, on the item the caller holds. */
static void add_delta(item *it, int incr, unsigned long long delta)
{
    char buf[INCR_MAX_STORAGE_LEN];

    pthread_mutex_lock(&cache_lock);
    unsigned long long value = strtoull(it->data, NULL, 10); /* NORACE(value) */
    value = incr ? value + delta : (delta > value ? 0 : value - delta);
    snprintf(buf, sizeof buf, "%llu", value);
    size_t res = strlen(buf);
    if ((int)res + 2 > it->nbytes) { /* need to realloc */
        item *new_it = do_item_alloc(buf);
        it->linked = 0;    /* item_replace: unlink the old item, */
        do_item_remove(it); /* the table's reference to it gone, */
        new_it->linked = 1;
        new_it->refcount++;
        table = new_it; /* NORACE(table) */
        do_item_remove(new_it); /* and release our reference */
    } else { /* replace in place */
        memcpy(it->data, buf, res); /* NORACE(value) */
        memset(it->data + res, ' ', (size_t)it->nbytes - res - 2);
    }
    pthread_mutex_unlock(&cache_lock);
}

static void *decr_client(void *arg)
{
    (void)arg;
    item *it = item_get();
    turn_pass(&order, 1);
    turn_wait(&order, 2);
    add_delta(it, 0, 1); /* the old item, no longer in the table */
    item_remove(it);
    return NULL;
}

static void *incr_client(void *arg)
{
    (void)arg;
    turn_wait(&order, 1);
    item *it = item_get();
    add_delta(it, 1, 1);
    item_remove(it);
    turn_pass(&order, 2);
    return NULL;
}

int main(void)
{
    pthread_t d, i;

    turn_init(&order);
    table = do_item_alloc("99");
    table->linked = 1;
    if (pthread_create(&d, NULL, decr_client, NULL) != 0 ||
        pthread_create(&i, NULL, incr_client, NULL) != 0) {
        fprintf(stderr, "memcached_incr_lost: cannot create threads\n");
        return 1;
    }
    pthread_join(d, NULL);
    pthread_join(i, NULL);

    printf("counter after incr 1 and decr 1 from 99: %.*s (99 expected)\n",
           table->nbytes - 2, table->data);
    table->linked = 0;
    do_item_remove(table);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
