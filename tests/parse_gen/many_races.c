/* More than 100 different races, each on a line of its own, so that
 * Valgrind prints its "More than 100 errors detected" notice between two
 * reports.  (Made by a few lines of Python; each g[N] is a separate site.) */
#include <pthread.h>

static int g[120];

static void touch(void)
{
    g[0]++;
    g[1]++;
    g[2]++;
    g[3]++;
    g[4]++;
    g[5]++;
    g[6]++;
    g[7]++;
    g[8]++;
    g[9]++;
    g[10]++;
    g[11]++;
    g[12]++;
    g[13]++;
    g[14]++;
    g[15]++;
    g[16]++;
    g[17]++;
    g[18]++;
    g[19]++;
    g[20]++;
    g[21]++;
    g[22]++;
    g[23]++;
    g[24]++;
    g[25]++;
    g[26]++;
    g[27]++;
    g[28]++;
    g[29]++;
    g[30]++;
    g[31]++;
    g[32]++;
    g[33]++;
    g[34]++;
    g[35]++;
    g[36]++;
    g[37]++;
    g[38]++;
    g[39]++;
    g[40]++;
    g[41]++;
    g[42]++;
    g[43]++;
    g[44]++;
    g[45]++;
    g[46]++;
    g[47]++;
    g[48]++;
    g[49]++;
    g[50]++;
    g[51]++;
    g[52]++;
    g[53]++;
    g[54]++;
    g[55]++;
    g[56]++;
    g[57]++;
    g[58]++;
    g[59]++;
    g[60]++;
    g[61]++;
    g[62]++;
    g[63]++;
    g[64]++;
    g[65]++;
    g[66]++;
    g[67]++;
    g[68]++;
    g[69]++;
    g[70]++;
    g[71]++;
    g[72]++;
    g[73]++;
    g[74]++;
    g[75]++;
    g[76]++;
    g[77]++;
    g[78]++;
    g[79]++;
    g[80]++;
    g[81]++;
    g[82]++;
    g[83]++;
    g[84]++;
    g[85]++;
    g[86]++;
    g[87]++;
    g[88]++;
    g[89]++;
    g[90]++;
    g[91]++;
    g[92]++;
    g[93]++;
    g[94]++;
    g[95]++;
    g[96]++;
    g[97]++;
    g[98]++;
    g[99]++;
    g[100]++;
    g[101]++;
    g[102]++;
    g[103]++;
    g[104]++;
    g[105]++;
    g[106]++;
    g[107]++;
    g[108]++;
    g[109]++;
    g[110]++;
    g[111]++;
    g[112]++;
    g[113]++;
    g[114]++;
    g[115]++;
    g[116]++;
    g[117]++;
    g[118]++;
    g[119]++;
}

static void *worker(void *arg)
{
    (void)arg;
    touch();
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
